namespace GaiaX.Oid4vc.Issuer.Clients;

/// <summary>
/// The client a request comes from: the <c>client_id</c> it proved (or, for a public client, named; empty when it named
/// none) and how (<see cref="ClientAuthenticationMethods"/>).
/// </summary>
public sealed record AuthenticatedClient(string ClientId, string Method)
{
    public bool IsAuthenticated => Method != ClientAuthenticationMethods.None;
}
