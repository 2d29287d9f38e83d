using GaiaX.Oid4vc.Issuer.Token;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>
/// A credential request that passed the rules of OpenID4VCI 1.0 section 8.2: the configuration it
/// asks for (covered by the access token) and, for a holder-bound credential, the keys its proofs
/// proved (null for a credential another service prepares).
/// </summary>
public sealed record ValidatedCredentialRequest(
    ValidatedAccessToken Token,
    string ConfigurationId,
    CredentialConfigurationOptions Configuration,
    IReadOnlyList<HolderKey>? HolderKeys
);
