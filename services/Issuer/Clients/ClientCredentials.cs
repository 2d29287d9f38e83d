namespace GaiaX.Oid4vc.Issuer.Clients;

/// <summary>
/// What a request to <c>/par</c> or <c>/token</c> carries to authenticate its client outside the form: the
/// <c>Authorization</c> header (empty when absent) and every value of the client attestation headers.
/// </summary>
public sealed record ClientCredentials(string Authorization, IReadOnlyList<string> Attestation, IReadOnlyList<string> AttestationPop)
{
    /// <summary>No credentials at all (a public client).</summary>
    public static ClientCredentials None { get; } = new(string.Empty, [], []);
}
