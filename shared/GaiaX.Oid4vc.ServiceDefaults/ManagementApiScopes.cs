namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// The two scopes of a management API, which are also the names of its authorization policies:
/// <see cref="Write"/> may change and read, <see cref="Read"/> may only read.
/// </summary>
public sealed record ManagementApiScopes(string Read, string Write)
{
    /// <summary>Both scopes (what a development token carries unless told otherwise).</summary>
    public IReadOnlyList<string> All => [Write, Read];
}
