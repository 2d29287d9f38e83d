using System.Text.RegularExpressions;
using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Architecture.Tests;

/// <summary>Rules that keep the code findable: a type lives in the file named for it; one error vocabulary.</summary>
public sealed partial class SourceLayoutRules
{
    [GeneratedRegex(@"^public\s+(?:(?:sealed|static|abstract|readonly|partial|ref|unsafe)\s+)*(?:class|record\s+struct|record\s+class|record|struct|interface|enum|delegate)\s+(?:[\w<>\[\],.?]+\s+)??(\w+)\s*(?:<|\(|:|\{|;|$|\s)", RegexOptions.Multiline)]
    private static partial Regex PublicTopLevelType();

    [Fact]
    public void Every_public_type_lives_in_a_file_named_for_it()
    {
        var offenders = new List<string>();
        foreach (var file in Codebase.ProductionSourceFiles())
        {
            var types = PublicTopLevelType().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).ToList();
            var expected = Path.GetFileNameWithoutExtension(file).Split('.')[0];
            // A Razor page's code-behind (Issue.cshtml.cs) holds its page model, named by the framework's convention (IssueModel).
            if (file.EndsWith(".cshtml.cs", StringComparison.Ordinal))
            {
                expected += "Model";
            }
            if (types.Count > 1 || (types.Count == 1 && types[0] != expected))
            {
                offenders.Add($"{Path.GetRelativePath(Codebase.Root, file)}: {string.Join(", ", types)}");
            }
        }

        Assert.True(offenders.Count == 0, "One public type per file, named for it:\n" + string.Join('\n', offenders));
    }

    /// <summary>The house line length (.editorconfig, .csharpierrc.yaml); CSharpier wraps code, not comments or strings.</summary>
    public const int MaxLineLength = 140;

    [Fact]
    public void Production_code_lines_fit_in_the_house_line_length()
    {
        var offenders = Codebase
            .ProductionSourceFiles()
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, index)))
            .Where(entry => entry.line.Length > MaxLineLength)
            .Select(entry => $"{Path.GetRelativePath(Codebase.Root, entry.file)}:{entry.index + 1} ({entry.line.Length} characters)")
            .ToList();

        Assert.True(offenders.Count == 0, $"Lines longer than {MaxLineLength} characters:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Protocol_error_codes_are_spelled_only_in_the_shared_vocabulary()
    {
        var codes = typeof(ErrorCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();
        var vocabulary = Path.Combine("shared", "GaiaX.Oid4vc.Credentials", "Protocol", "ErrorCodes.cs");
        var offenders = Codebase.ProductionSourceFiles()
            .Where(file => !Path.GetRelativePath(Codebase.Root, file).Equals(vocabulary, StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, index)))
            .Where(entry => !entry.line.TrimStart().StartsWith("//", StringComparison.Ordinal)
                && codes.Any(code => entry.line.Contains('"' + code + '"', StringComparison.Ordinal)))
            .Select(entry => $"{Path.GetRelativePath(Codebase.Root, entry.file)}:{entry.index + 1}: {entry.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "Use the ErrorCodes constants:\n" + string.Join('\n', offenders));
    }
}
