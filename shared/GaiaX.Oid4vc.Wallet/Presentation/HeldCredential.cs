using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.SdJwt;
using GaiaX.Oid4vc.Rdf.JsonLd;

namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>
/// A credential in the wallet: its wire form, and the claims the wallet matches DCQL against. For an
/// SD-JWT VC the claims are the full reconstruction (every disclosure applied); which disclosures are
/// sent is decided per request.
/// </summary>
public sealed record HeldCredential
{
    public required string Format { get; init; }

    /// <summary>The credential as issued (compact JWS, or SD-JWT with all disclosures).</summary>
    public required string Raw { get; init; }

    /// <summary>The claims a claims path pointer is applied to: the VC-JWT payload, or the reconstructed SD-JWT payload.</summary>
    public required JsonElement Claims { get; init; }

    /// <summary>The credential's <c>type</c> values, fully expanded (IRIs) against its <c>@context</c>.</summary>
    public IReadOnlyList<string> Types { get; init; } = [];

    /// <summary>The contexts the wallet knows offline (VC 2.0, Gaia-X); it fetches none.</summary>
    private static readonly OfflineDocumentLoader ContextLoader = OfflineDocumentLoader.CreateDefault();

    public string? Vct { get; init; }

    public string? Issuer { get; init; }

    public IReadOnlyList<PlacedDisclosure> Disclosures { get; init; } = [];

    /// <summary>A VC-JWT (<c>jwt_vc_json</c>) as the wallet received it.</summary>
    public static HeldCredential FromVcJwt(string jwt)
    {
        var payload = DecodePayload(jwt.Split('.'), "VC-JWT");
        var claims = JsonSerializer.SerializeToElement(payload);
        return new HeldCredential
        {
            Format = CredentialFormats.JwtVcJson,
            Raw = jwt,
            Claims = claims,
            // Expanded against the credential's own @context, as DCQL type_values name them (OpenID4VP 1.0 appendix B.1.1).
            Types = JsonLdTypes.Expand(claims, ContextLoader),
            Issuer = payload["issuer"] switch
            {
                JsonValue v => v.GetValue<string>(),
                JsonObject o => o["id"]?.GetValue<string>(),
                _ => null,
            },
        };
    }

    /// <summary>An SD-JWT VC (<c>dc+sd-jwt</c>) with all its disclosures.</summary>
    public static HeldCredential FromSdJwt(string sdJwt)
    {
        var parts = sdJwt.Split('~');
        var payload = DecodePayload(parts[0].Split('.'), "SD-JWT");
        var disclosures = new Dictionary<string, Disclosure>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1).Where(p => p.Length > 0 && !p.Contains('.', StringComparison.Ordinal)))
        {
            var parsed = Disclosure.Parse(part);
            if (!parsed.Succeeded)
            {
                throw new WalletProtocolException("invalid_credential", parsed.Error.Message);
            }
            disclosures[parsed.Value.Digest] = parsed.Value;
        }
        var placed = new List<PlacedDisclosure>();
        var claims = Reconstruct(payload, [], disclosures, placed);
        ((JsonObject)claims!).Remove("_sd_alg");
        return new HeldCredential
        {
            Format = CredentialFormats.SdJwtVc,
            Raw = sdJwt,
            Claims = JsonSerializer.SerializeToElement(claims),
            Vct = payload["vct"]?.GetValue<string>(),
            Issuer = payload["iss"]?.GetValue<string>(),
            Disclosures = placed,
        };
    }

    private static JsonNode? Reconstruct(
        JsonNode? node,
        List<object> path,
        Dictionary<string, Disclosure> disclosures,
        List<PlacedDisclosure> placed
    )
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    if (name == "_sd" && value is JsonArray digests)
                    {
                        foreach (var digest in digests.Select(d => d?.GetValue<string>()))
                        {
                            if (
                                digest is not null
                                && disclosures.TryGetValue(digest, out var disclosure)
                                && disclosure.Name is { } claimName
                            )
                            {
                                var claimPath = new List<object>(path) { claimName };
                                placed.Add(new PlacedDisclosure(disclosure, claimPath));
                                result[claimName] = Reconstruct(disclosure.Value?.DeepClone(), claimPath, disclosures, placed);
                            }
                        }
                    }
                    else if (name != "_sd")
                    {
                        result[name] = Reconstruct(value?.DeepClone(), [.. path, name], disclosures, placed);
                    }
                }
                return result;
            case JsonArray array:
                var elements = new JsonArray();
                foreach (var element in array)
                {
                    var index = elements.Count;
                    if (element is JsonObject { Count: 1 } marker && marker["..."] is JsonValue d && d.TryGetValue<string>(out var digest))
                    {
                        if (disclosures.TryGetValue(digest, out var disclosure) && disclosure.IsArrayElement)
                        {
                            var elementPath = new List<object>(path) { index };
                            placed.Add(new PlacedDisclosure(disclosure, elementPath));
                            elements.Add(Reconstruct(disclosure.Value?.DeepClone(), elementPath, disclosures, placed));
                        }
                        // A decoy or a withheld element: not part of the credential's visible claims.
                        continue;
                    }
                    elements.Add(Reconstruct(element?.DeepClone(), [.. path, index], disclosures, placed));
                }
                return elements;
            default:
                return node?.DeepClone();
        }
    }

    private static JsonObject DecodePayload(string[] segments, string what)
    {
        if (segments.Length != 3 || !Base64UrlStrict.TryDecode(segments[1], out var bytes))
        {
            throw new WalletProtocolException("invalid_credential", $"The {what} is not a compact JWS.");
        }
        try
        {
            return JsonNode.Parse(Encoding.UTF8.GetString(bytes)) as JsonObject
                ?? throw new WalletProtocolException("invalid_credential", $"The {what} payload is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new WalletProtocolException("invalid_credential", $"The {what} payload is not JSON.", ex);
        }
    }
}
