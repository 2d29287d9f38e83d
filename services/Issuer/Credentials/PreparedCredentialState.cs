namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>Where a prepared credential stands for the wallet.</summary>
public enum PreparedCredentialState
{
    Pending,
    Released,
    Denied,
}
