using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Credentials.VcJwt;

/// <summary>A verified presentation and its verified credentials, in order.</summary>
public sealed record VerifiedPresentation(ParsedJws Jws, ResolvedKey Key, string Holder, IReadOnlyList<VerifiedCredential> Credentials)
{
    public JsonElement Presentation => Jws.Payload;
}
