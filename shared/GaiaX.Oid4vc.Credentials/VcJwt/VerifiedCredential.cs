using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Credentials.VcJwt;

/// <summary>A VC-JWT whose signature, issuer key and data-model rules checked out.</summary>
public sealed record VerifiedCredential(ParsedJws Jws, ResolvedKey Key, string Issuer)
{
    /// <summary>The credential (the JWT payload).</summary>
    public JsonElement Credential => Jws.Payload;
}
