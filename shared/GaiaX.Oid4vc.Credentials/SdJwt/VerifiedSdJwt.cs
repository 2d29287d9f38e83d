using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Credentials.SdJwt;

/// <summary>A verified SD-JWT: the processed claims (disclosures applied, digests removed).</summary>
public sealed record VerifiedSdJwt(
    ParsedJws IssuerJwt,
    ResolvedKey IssuerKey,
    JsonObject Claims,
    IReadOnlyList<Disclosure> Disclosures,
    ParsedJws? KeyBinding
);
