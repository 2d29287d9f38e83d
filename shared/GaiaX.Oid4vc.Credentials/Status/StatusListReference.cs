namespace GaiaX.Oid4vc.Credentials.Status;

/// <summary>
/// Where a credential's status is kept: a list URL and an index, for one purpose (a Bitstring Status List entry) or
/// for every status (a Token Status List reference, <see cref="Purpose"/> <c>null</c>).
/// </summary>
public sealed record StatusListReference(Uri List, int Index, string? Purpose)
{
    public bool IsTokenStatusList => Purpose is null;

    /// <summary>A status entry that names no readable list and index: its status is unknown.</summary>
    public static StatusListReference Malformed { get; } = new(new Uri("urn:gaiax:malformed-status-entry"), -1, "malformed");

    public bool IsMalformed => Index < 0;
}
