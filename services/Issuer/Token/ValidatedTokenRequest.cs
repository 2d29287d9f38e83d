namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// A token request that passed every rule of its grant type; <see cref="TokenResponseGenerator"/>
/// mints the tokens. <see cref="DpopJkt"/> is the thumbprint of the key a DPoP proof proved, if any.
/// </summary>
public abstract record ValidatedTokenRequest(string? DpopJkt);
