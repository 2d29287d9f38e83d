using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Vcdm;

namespace GaiaX.Oid4vc.Credentials.VcJwt;

/// <summary>A VC-JWT whose signature, issuer key and data-model rules checked out.</summary>
public sealed record VerifiedCredential(ParsedJws Jws, ResolvedKey Key, string Issuer)
{
    /// <summary>The credential (the JWT payload).</summary>
    public JsonElement Credential => Jws.Payload;
}
