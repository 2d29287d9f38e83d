using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Vcdm;

namespace GaiaX.Oid4vc.Credentials.VcJwt;

/// <summary>A verified presentation and its verified credentials, in order.</summary>
public sealed record VerifiedPresentation(ParsedJws Jws, ResolvedKey Key, string Holder, IReadOnlyList<VerifiedCredential> Credentials)
{
    public JsonElement Presentation => Jws.Payload;
}
