using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace GaiaX.Oid4vc.Verifier.Identity;

/// <summary>Serves the Verifier's <c>did:web</c> document, where wallets find the request-signing key.</summary>
public static class DidDocumentEndpoint
{
    public static IEndpointRouteBuilder MapDidDocumentEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/.well-known/did.json", (IVerifierIdentity identity) =>
        {
            var jwk = new JsonObject
            {
                ["kty"] = identity.PublicJwk.Kty,
                ["crv"] = identity.PublicJwk.Crv,
                ["x"] = identity.PublicJwk.X,
                ["y"] = identity.PublicJwk.Y,
                ["alg"] = SecurityAlgorithms.EcdsaSha256,
                ["use"] = "sig",
            };
            var document = new JsonObject
            {
                ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"),
                ["id"] = identity.Did,
                ["verificationMethod"] = new JsonArray(new JsonObject
                {
                    ["id"] = identity.KeyId,
                    ["type"] = "JsonWebKey2020",
                    ["controller"] = identity.Did,
                    ["publicKeyJwk"] = jwk,
                }),
                ["authentication"] = new JsonArray(identity.KeyId),
                ["assertionMethod"] = new JsonArray(identity.KeyId),
            };
            return Results.Text(document.ToJsonString(), "application/did+json");
        }).WithName("VerifierDidDocument");
        return endpoints;
    }
}
