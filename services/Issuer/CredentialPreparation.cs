namespace GaiaX.Oid4vc.Issuer;

/// <summary>How a credential of a configuration comes to exist.</summary>
public enum CredentialPreparation
{
    /// <summary>The Issuer signs it itself, bound to the key in the wallet's proof.</summary>
    IssuerSigned,

    /// <summary>The Notary signs it (registration numbers) and Compliance assesses it before release.</summary>
    Notary,

    /// <summary>Compliance signs it (the label credential); it is released as delivered.</summary>
    Compliance,
}
