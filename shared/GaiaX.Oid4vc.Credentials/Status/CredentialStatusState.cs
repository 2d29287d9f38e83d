namespace GaiaX.Oid4vc.Credentials.Status;

/// <summary>What a credential's status entries say.</summary>
public enum CredentialStatusState
{
    /// <summary>Every list was read and none marks the credential.</summary>
    Valid,

    /// <summary>A revocation list marks it (or a token list says invalid): final.</summary>
    Revoked,

    /// <summary>A suspension list marks it (or a token list says suspended): may be lifted.</summary>
    Suspended,

    /// <summary>A list could not be fetched or verified: nothing is known, and nothing is said about revocation.</summary>
    Unknown,
}
