namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// The scopes of a management API, which are also the names of its authorization policies:
/// <see cref="Write"/> may change and read, <see cref="Read"/> may only read; each of <see cref="Others"/> allows exactly
/// its own operations (e.g. changing credentials' status).
/// </summary>
public sealed record ManagementApiScopes(string Read, string Write)
{
    /// <summary>Scopes of their own, neither implied by nor implying <see cref="Write"/>.</summary>
    public IReadOnlyList<string> Others { get; init; } = [];

    /// <summary>Every scope (what a development token carries unless told otherwise).</summary>
    public IReadOnlyList<string> All => [Write, Read, .. Others];
}
