namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>Why a JWE was not decrypted: what the protocols answer differs between unsupported parameters and the rest.</summary>
public enum JweFailure
{
    None,

    /// <summary>Not a compact JWE, or a header, epk or part that cannot be read.</summary>
    Malformed,

    /// <summary>An <c>alg</c>, <c>enc</c>, <c>zip</c> or critical parameter this recipient does not support.</summary>
    UnsupportedParameters,

    /// <summary>The <c>kid</c> names a key other than the recipient's.</summary>
    UnknownKey,

    /// <summary>The content does not authenticate under the derived key.</summary>
    NotDecrypted,
}
