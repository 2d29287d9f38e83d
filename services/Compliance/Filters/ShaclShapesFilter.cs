using GaiaX.Oid4vc.Compliance.Ontologies;
using GaiaX.Oid4vc.Compliance.Registry;
using GaiaX.Oid4vc.Rdf;
using GaiaX.Oid4vc.Rdf.Shacl;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// Each credential's claims (the triples reachable from its <c>credentialSubject</c>) conform to the
/// registry's SHACL shapes, with the ontology's <c>rdfs:subClassOf</c> facts for <c>sh:class</c>.
/// Each credential is validated on its own: a <c>sh:class</c> value that is an IRI the credential
/// does not describe is a reference to another credential, and whether the presentation holds the
/// right one is the criterion of the rules (registration number, <c>providedBy</c>), not of the shapes.
/// Each credential is judged by the shapes of its ontology version, compiled once per version and shared, and by the
/// shapes of each ecosystem extension whose context it lists (the Gaia-X shapes then also reach the extension's
/// subclasses of Gaia-X classes). Violations are put in words: the shapes carry no messages.
/// </summary>
public sealed class ShaclShapesFilter(IGaiaXRegistry registry, OntologyCatalog ontologies) : IComplianceFilter
{
    private static readonly ShaclValidationOptions Options = new() { IgnoreDataGraphClassHierarchy = true };

    public string Name => "ShaclShapes";

    public string Criterion => "Each credential conforms to the Gaia-X SHACL shapes of the registry";

    public ComplianceScope Scope => ComplianceScope.Both;

    public async ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var source = await registry.GetShapesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var credential in context.Credentials)
        {
            if (credential.Graph is not Graph graph || credential.Ontology is not { } version)
            {
                continue;
            }
            var claims = CredentialGraph.SubjectClaims(graph);
            if (credential.Extensions.Count == 0)
            {
                Report(context, credential, claims, Compiled(() => ontologies.ShapesFor(version, source)).Validate(claims, Options), null);
                continue;
            }
            var shapes = Compiled(() => ontologies.ShapesFor(version, source, credential.Extensions));
            var options = Options with { ClassHierarchy = shapes.Hierarchy };
            Report(context, credential, claims, shapes.GaiaX.Validate(claims, options), null);
            foreach (var (extension, extensionShapes) in shapes.Extensions)
            {
                Report(context, credential, claims, extensionShapes.Validate(claims, options), extension.Name);
            }
        }
        return FilterVerdict.Continue;
    }

    /// <summary>Shapes the registry gave that do not compile leave the engine without a verdict, as an unreachable registry does.</summary>
    private static T Compiled<T>(Func<T> compile)
    {
        try
        {
            return compile();
        }
        catch (Exception e) when (e is FormatException or ShapesGraphException)
        {
            throw new GaiaXRegistryUnavailableException("The registry's shapes do not compile: " + e.Message, e);
        }
    }

    private void Report(ComplianceContext context, AssessedCredential credential, Graph claims, ValidationReport report, string? extension)
    {
        foreach (var result in report.Results.Where(r => r.Severity == Severity.Violation && !IsReferenceToAnotherCredential(r, claims)))
        {
            context.AddFailure(
                this,
                credential,
                extension is null ? Describe(result) : $"Ecosystem extension '{extension}': {Describe(result)}"
            );
        }
    }

    private static bool IsReferenceToAnotherCredential(ValidationResult result, Graph claims) =>
        result.SourceConstraintComponent.Value == Sh.Ns + "ClassConstraintComponent"
        && result.Value is { IsIri: true } value
        && !claims.Match(value, null, null).Any();

    internal static string Describe(ValidationResult result)
    {
        var component = result.SourceConstraintComponent.Value;
        var name = component.StartsWith(Sh.Ns, StringComparison.Ordinal) ? component[Sh.Ns.Length..] : component;
        var path = result.Path is PredicatePath p ? Compact(p.Predicate.Value) : result.Path?.ToString();
        var subject = Readable(result.FocusNode);
        var value = result.Value is null ? null : Readable(result.Value);
        var what = name switch
        {
            "MinCountConstraintComponent" => $"{path} is missing or has too few values",
            "MaxCountConstraintComponent" => $"{path} has too many values",
            "ClosedConstraintComponent" => $"{path} is not allowed here (closed shape)",
            "InConstraintComponent" => $"{path} value {value} is not one of the allowed values",
            "DatatypeConstraintComponent" => $"{path} value {value} has the wrong datatype",
            "ClassConstraintComponent" => $"{path} value {value} is not of the required class",
            "NodeKindConstraintComponent" => $"{path} value {value} is not the required kind of node",
            "PatternConstraintComponent" => $"{path} value {value} does not match the required pattern",
            "HasValueConstraintComponent" => $"{path} lacks the required value",
            "MinLengthConstraintComponent" or "MaxLengthConstraintComponent" => $"{path} value {value} has the wrong length",
            "MinInclusiveConstraintComponent"
            or "MaxInclusiveConstraintComponent"
            or "MinExclusiveConstraintComponent"
            or "MaxExclusiveConstraintComponent" => $"{path} value {value} is out of range",
            "OrConstraintComponent"
            or "XoneConstraintComponent"
            or "AndConstraintComponent"
            or "NotConstraintComponent"
            or "NodeConstraintComponent" =>
                $"{(path is null ? "the node" : path)}{(value is null ? "" : $" value {value}")} does not satisfy "
                    + $"{Compact(result.SourceShape.Value)}",
            _ => $"{path ?? "the node"}{(value is null ? "" : $" value {value}")} violates "
                + $"sh:{name.Replace("ConstraintComponent", "", StringComparison.Ordinal)}",
        };
        var message = string.IsNullOrEmpty(result.Message) ? "" : $" ({result.Message})";
        return $"{subject}: {what} [shape {Compact(result.SourceShape.Value)}, "
            + $"sh:{name.Replace("ConstraintComponent", "", StringComparison.Ordinal)}]{message}.";
    }

    private static string Readable(Term term) =>
        term.Kind switch
        {
            TermKind.Iri => Compact(term.Value),
            TermKind.BlankNode => "a nested node",
            _ => "\"" + term.Value + "\"",
        };

    private static string Compact(string iri)
    {
        var local = CredentialJson.LocalName(iri);
        return ReferenceEquals(local, iri) ? iri : "gx:" + local;
    }
}
