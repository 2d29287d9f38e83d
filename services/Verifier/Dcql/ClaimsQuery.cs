using System.Text.Json;

namespace GaiaX.Oid4vc.Verifier.Dcql;

/// <summary>A Claims Query (§6.3).</summary>
public sealed record ClaimsQuery
{
    public string? Id { get; init; }

    public required ClaimsPathPointer Path { get; init; }

    /// <summary>Allowed values (strings, integers or booleans); null when any value is accepted.</summary>
    public IReadOnlyList<JsonElement>? Values { get; init; }
}
