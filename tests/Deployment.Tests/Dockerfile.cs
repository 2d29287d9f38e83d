namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>A Dockerfile read as instructions (comments dropped, continuation lines joined).</summary>
internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerInstruction> instructions) => Instructions = instructions;

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    public IEnumerable<DockerInstruction> Of(string keyword) =>
        Instructions.Where(i => string.Equals(i.Keyword, keyword, StringComparison.OrdinalIgnoreCase));

    public int FinalStage => Instructions.Max(i => i.Stage);

    public static Dockerfile Load(string repositoryRelativePath)
    {
        var instructions = new List<DockerInstruction>();
        var stage = -1;
        var pending = "";
        foreach (var raw in DeployedService.Read(repositoryRelativePath).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (pending.Length == 0 && line.TrimStart().StartsWith('#'))
            {
                continue;
            }
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            var text = (pending + line).Trim();
            pending = "";
            if (text.Length == 0)
            {
                continue;
            }
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            var keyword = space < 0 ? text : text[..space];
            if (string.Equals(keyword, "FROM", StringComparison.OrdinalIgnoreCase))
            {
                stage++;
            }
            instructions.Add(new DockerInstruction(keyword.ToUpperInvariant(), space < 0 ? "" : text[(space + 1)..].Trim(), stage));
        }
        return new Dockerfile(instructions);
    }

    /// <summary>ENV instructions as name/value pairs (both the <c>a=b c=d</c> and the <c>a b</c> form).</summary>
    public Dictionary<string, string> Environment(int stage)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var instruction in Of("ENV").Where(i => i.Stage == stage))
        {
            if (!instruction.Arguments.Contains('=', StringComparison.Ordinal))
            {
                var parts = instruction.Arguments.Split(' ', 2);
                environment[parts[0]] = parts.Length > 1 ? parts[1] : "";
                continue;
            }
            foreach (var pair in instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split('=', 2);
                environment[parts[0]] = parts.Length > 1 ? parts[1].Trim('"') : "";
            }
        }
        return environment;
    }
}
