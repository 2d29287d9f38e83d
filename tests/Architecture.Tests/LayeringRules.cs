using System.Reflection;
using System.Text.RegularExpressions;

namespace GaiaX.Oid4vc.Architecture.Tests;

/// <summary>
/// The protocol pipeline (endpoint → validator → response generator → result): everything below the
/// endpoint works on plain inputs, so a protocol rule can be read and tested without a web server
/// or a Dapr sidecar. Types are found by the role their name gives them.
/// </summary>
public sealed partial class LayeringRules
{
    /// <summary>The name suffixes of the roles that live below the endpoint.</summary>
    public static TheoryData<string> Roles => ["Validator", "Generator", "Store", "Recorder", "Resolver", "Handler", "Processor"];

    /// <summary>Identifiers of HTTP and Dapr SDK types a source file must not name.</summary>
    [GeneratedRegex(@"\b(HttpContext|HttpRequest|HttpResponse|IFormCollection|IHeaderDictionary|IResult|TypedResults|DaprClient)\b")]
    private static partial Regex ForbiddenIdentifier();

    [GeneratedRegex(@"^\s*using\s+(Microsoft\.AspNetCore\.Http|Dapr)(\.|;)", RegexOptions.Multiline)]
    private static partial Regex ForbiddenUsing();

    [Theory]
    [MemberData(nameof(Roles))]
    public void Types_below_the_endpoint_use_no_http_or_dapr_sdk_types(string role)
    {
        var offenders = Codebase.BelowTheEndpoint
            .SelectMany(ExportedAndInternalTypes)
            .Where(type => type.Name.Split('`')[0].EndsWith(role, StringComparison.Ordinal) && !IsHttpAdapter(type))
            .SelectMany(Violations)
            .ToList();

        Assert.True(offenders.Count == 0, $"{role} types must not depend on HTTP or the Dapr SDK:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Protocol_namespaces_use_no_http_or_dapr_sdk_types()
    {
        var offenders = Codebase.BelowTheEndpoint
            .SelectMany(ExportedAndInternalTypes)
            .Where(type => type.Namespace?.EndsWith(".Protocol", StringComparison.Ordinal) == true && !IsHttpAdapter(type))
            .SelectMany(Violations)
            .ToList();

        Assert.True(offenders.Count == 0, "Protocol types must not depend on HTTP or the Dapr SDK:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void No_service_references_another_service()
    {
        var names = Codebase.Services.Select(a => a.GetName().Name!).ToHashSet();
        var offenders = Codebase.Services
            .SelectMany(service => service.GetReferencedAssemblies()
                .Where(reference => names.Contains(reference.Name!))
                .Select(reference => $"{service.GetName().Name} references {reference.Name}"))
            .ToList();
        var projectReferences = Directory.EnumerateFiles(Path.Combine(Codebase.Root, "services"), "*.csproj", SearchOption.AllDirectories)
            .Where(project => !project.Contains("DevHost", StringComparison.Ordinal))
            .SelectMany(project => File.ReadLines(project)
                .Where(line => line.Contains("ProjectReference", StringComparison.Ordinal) && !line.Contains("shared", StringComparison.Ordinal))
                .Select(line => $"{Path.GetFileName(project)}: {line.Trim()}"));

        Assert.Empty(offenders.Concat(projectReferences));
    }

    [Theory]
    [InlineData("GaiaX.Oid4vc.Credentials")]
    [InlineData("GaiaX.Oid4vc.Rdf")]
    public void Core_library_references_no_web_framework(string library)
    {
        var assembly = Codebase.SharedLibraries.Single(a => a.GetName().Name == library);
        var project = File.ReadAllText(Path.Combine(Codebase.Root, "shared", library, library + ".csproj"));

        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), reference => reference.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain("Microsoft.AspNetCore.App", project, StringComparison.Ordinal);
    }

    private static IEnumerable<Type> ExportedAndInternalTypes(Assembly assembly) =>
        assembly.GetTypes().Where(type => !type.IsNested && !type.Name.Contains('<', StringComparison.Ordinal) && type.Namespace?.StartsWith("GaiaX.", StringComparison.Ordinal) == true);

    /// <summary>
    /// A type that implements an ASP.NET Core contract (middleware, exception handler, authentication
    /// handler) is part of the HTTP layer by definition.
    /// </summary>
    private static bool IsHttpAdapter(Type type) =>
        type.GetInterfaces().Append(type.BaseType).Any(t => t?.Namespace?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true);

    private static IEnumerable<string> Violations(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var signatures = type.GetFields(all).Select(f => (What: "field " + f.Name, Type: f.FieldType))
            .Concat(type.GetProperties(all).Select(p => (What: "property " + p.Name, Type: p.PropertyType)))
            .Concat(type.GetConstructors(all).SelectMany(c => c.GetParameters()).Select(p => (What: "constructor parameter " + p.Name, Type: p.ParameterType)))
            .Concat(type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => (What: $"parameter {p.Name} of {m.Name}", Type: p.ParameterType))
                .Append((What: "return type of " + m.Name, Type: m.ReturnType))));
        foreach (var (what, used) in signatures)
        {
            if (Flatten(used).FirstOrDefault(IsForbidden) is { } forbidden)
            {
                yield return $"{type.FullName}: {what} is {forbidden.FullName}";
            }
        }
        if (Codebase.SourceFileOf(type) is { } file)
        {
            var source = File.ReadAllText(file);
            if (ForbiddenUsing().Match(source) is { Success: true } usingMatch)
            {
                yield return $"{type.FullName}: {Path.GetRelativePath(Codebase.Root, file)} has '{usingMatch.Value.Trim()}'";
            }
            var code = string.Join('\n', source.Split('\n').Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            if (ForbiddenIdentifier().Match(code) is { Success: true } identifier)
            {
                yield return $"{type.FullName}: {Path.GetRelativePath(Codebase.Root, file)} names {identifier.Value}";
            }
        }
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        yield return type;
        if (type.HasElementType)
        {
            foreach (var inner in Flatten(type.GetElementType()!))
            {
                yield return inner;
            }
        }
        if (type.IsGenericType)
        {
            foreach (var inner in type.GetGenericArguments().SelectMany(Flatten))
            {
                yield return inner;
            }
        }
    }

    private static bool IsForbidden(Type type) =>
        type.Namespace is { } ns
        && (ns.StartsWith("Microsoft.AspNetCore.Http", StringComparison.Ordinal) || ns == "Dapr" || ns.StartsWith("Dapr.", StringComparison.Ordinal));
}
