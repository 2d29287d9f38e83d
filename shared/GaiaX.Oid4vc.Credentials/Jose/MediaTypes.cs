namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>Media types and <c>typ</c> values of the formats handled here.</summary>
public static class MediaTypes
{
    public const string VcJwt = "vc+jwt";
    public const string VpJwt = "vp+jwt";
    public const string SdJwtVc = "dc+sd-jwt";
    public const string KbJwt = "kb+jwt";
    public const string Oid4vciProof = "openid4vci-proof+jwt";

    /// <summary>The <c>cty</c> of a VC-JWT / VP-JWT (VC-JOSE-COSE).</summary>
    public const string VcContent = "vc";
    public const string VpContent = "vp";

    /// <summary>Prefix of an <c>EnvelopedVerifiableCredential</c> id.</summary>
    public const string EnvelopedVcJwtPrefix = "data:application/vc+jwt,";
}
