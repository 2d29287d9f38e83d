using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Testing;
using GaiaX.Oid4vc.Credentials.Jose;

namespace Verifier.Tests.Support;

/// <summary>
/// A wallet for tests. It checks the request object on its own (typ, client_id, the signature with
/// the DID document's key or the x5c leaf chained to the test CA), builds VP-JWTs and SD-JWT+KB
/// presentations with its holder key, and answers with direct_post or direct_post.jwt.
/// </summary>
public sealed class TestWallet(HttpClient http, X509Certificate2? trustedVerifierAnchor = null) : IDisposable
{
    private readonly ECDsa _holder = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string Did => Jose.DidJwk(_holder);

    public JsonObject HolderJwk => Jose.PublicJwk(_holder);

    /// <summary>Follows the invocation URL: fetches the request object (GET, or POST when asked) and verifies it.</summary>
    public async Task<WalletRequest> FetchAsync(string authorizationRequestUri, string? walletNonce = null, string? walletMetadata = null)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(authorizationRequestUri).Query);
        var clientId = query["client_id"] ?? throw new InvalidOperationException("no client_id");
        var requestUri = query["request_uri"] ?? throw new InvalidOperationException("no request_uri");
        HttpResponseMessage response;
        if (query["request_uri_method"] == "post")
        {
            var form = new Dictionary<string, string>();
            if (walletNonce is not null)
            {
                form["wallet_nonce"] = walletNonce;
            }
            if (walletMetadata is not null)
            {
                form["wallet_metadata"] = walletMetadata;
            }
            using var message = new HttpRequestMessage(HttpMethod.Post, requestUri) { Content = new FormUrlEncodedContent(form) };
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/oauth-authz-req+jwt"));
            response = await http.SendAsync(message);
        }
        else
        {
            response = await http.GetAsync(new Uri(requestUri));
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new WalletException((int)response.StatusCode, body);
            }
            Assert.Equal("application/oauth-authz-req+jwt", response.Content.Headers.ContentType?.MediaType);
            var request = new WalletRequest(body, Jose.DecodePart(body, 0), Jose.DecodePart(body, 1));
            Assert.Equal("oauth-authz-req+jwt", (string?)request.Header["typ"]);
            Assert.Equal(clientId, request.ClientId);
            if (walletNonce is not null)
            {
                Assert.Equal(walletNonce, (string?)request.Payload["wallet_nonce"]);
            }
            await VerifyRequestObjectSignatureAsync(request);
            return request;
        }
    }

    /// <summary>The independent check of the request object's signature for both client identifier prefixes.</summary>
    private async Task VerifyRequestObjectSignatureAsync(WalletRequest request)
    {
        Assert.Equal("ES256", (string?)request.Header["alg"]);
        if (request.ClientId.StartsWith("decentralized_identifier:", StringComparison.Ordinal))
        {
            var did = request.ClientId["decentralized_identifier:".Length..];
            var kid = (string)request.Header["kid"]!;
            Assert.StartsWith(did + "#", kid, StringComparison.Ordinal);
            // did:web:127.0.0.1%3A1234 → http(s)://127.0.0.1:1234/.well-known/did.json (http on loopback in tests).
            Assert.StartsWith("did:web:", did, StringComparison.Ordinal);
            var host = Uri.UnescapeDataString(did["did:web:".Length..].Split(':')[0]);
            var document = JsonNode.Parse(await http.GetStringAsync(new Uri($"http://{host}/.well-known/did.json")))!.AsObject();
            Assert.Equal(did, (string?)document["id"]);
            var method = document["verificationMethod"]!.AsArray().Single(m => (string?)m!["id"] == kid)!;
            Assert.Contains(kid, document["assertionMethod"]!.AsArray().Select(a => (string?)a));
            var jwk = method["publicKeyJwk"]!;
            using var key = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = Base64Url.DecodeFromChars((string)jwk["x"]!), Y = Base64Url.DecodeFromChars((string)jwk["y"]!) },
            });
            Assert.True(Jose.VerifyEs256(request.Jwt, key), "request object signature does not verify with the DID document key");
        }
        else if (request.ClientId.StartsWith("x509_hash:", StringComparison.Ordinal))
        {
            // OpenID4VP 1.0 section 5.9.3: base64url SHA-256 of the DER leaf, which must chain to a trusted anchor and sign.
            var chain = request.Header["x5c"]!.AsArray().Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String((string)c!))).ToList();
            try
            {
                Assert.Equal(request.ClientId["x509_hash:".Length..], Base64Url.EncodeToString(SHA256.HashData(chain[0].RawData)));
                using var builder = new X509Chain();
                builder.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                builder.ChainPolicy.CustomTrustStore.Add(trustedVerifierAnchor ?? throw new InvalidOperationException("no verifier anchor"));
                builder.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                builder.ChainPolicy.ExtraStore.AddRange(chain.Skip(1).ToArray());
                Assert.True(builder.Build(chain[0]), "the x5c chain does not build to the trusted anchor");
                using var key = chain[0].GetECDsaPublicKey()!;
                Assert.True(Jose.VerifyEs256(request.Jwt, key), "request object signature does not verify with the x5c leaf");
            }
            finally
            {
                chain.ForEach(c => c.Dispose());
            }
        }
        else if (request.ClientId.StartsWith("x509_san_dns:", StringComparison.Ordinal))
        {
            var dns = request.ClientId["x509_san_dns:".Length..];
            var chain = request.Header["x5c"]!.AsArray().Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String((string)c!))).ToList();
            try
            {
                using var builder = new X509Chain();
                builder.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                builder.ChainPolicy.CustomTrustStore.Add(trustedVerifierAnchor ?? throw new InvalidOperationException("no verifier anchor"));
                builder.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                builder.ChainPolicy.ExtraStore.AddRange(chain.Skip(1).ToArray());
                Assert.True(builder.Build(chain[0]), "the x5c chain does not build to the trusted anchor");
                var sans = chain[0].Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames());
                Assert.Contains(dns, sans);
                using var key = chain[0].GetECDsaPublicKey()!;
                Assert.True(Jose.VerifyEs256(request.Jwt, key), "request object signature does not verify with the x5c leaf");
            }
            finally
            {
                chain.ForEach(c => c.Dispose());
            }
        }
        else
        {
            Assert.Fail("unexpected client identifier prefix: " + request.ClientId);
        }
    }

    /// <summary>A VP-JWT enveloping <paramref name="credentials"/>, bound to the request (or to the overrides).</summary>
    public string PresentVcJwt(WalletRequest request, IEnumerable<string> credentials, string? audience = null, string? nonce = null)
    {
        var header = new JsonObject { ["typ"] = "vp+jwt", ["kid"] = Did + "#0" };
        var payload = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = Did,
            ["verifiableCredential"] = new JsonArray(credentials.Select(c => (JsonNode)new JsonObject
            {
                ["@context"] = "https://www.w3.org/ns/credentials/v2",
                ["id"] = "data:application/vc+jwt," + c,
                ["type"] = "EnvelopedVerifiableCredential",
            }).ToArray()),
            ["iss"] = Did,
            ["aud"] = audience ?? request.ClientId,
            ["nonce"] = nonce ?? request.Nonce,
            ["iat"] = Jose.Now(),
            ["exp"] = Jose.Now() + 300,
        };
        return Jose.SignEs256(header, payload, _holder);
    }

    /// <summary>An SD-JWT+KB presentation disclosing <paramref name="claims"/>.</summary>
    public string PresentSdJwt(WalletRequest request, SdJwtCredential credential, string[] claims, string? audience = null, string? nonce = null, string? sdHash = null, bool withTransactionData = true, Action<JsonObject>? changeKeyBinding = null)
    {
        var sdJwt = credential.Disclose(claims);
        var payload = new JsonObject
        {
            ["aud"] = audience ?? request.ClientId,
            ["nonce"] = nonce ?? request.Nonce,
            ["iat"] = Jose.Now(),
            ["sd_hash"] = sdHash ?? Jose.B64(SHA256.HashData(Encoding.ASCII.GetBytes(sdJwt))),
        };
        if (withTransactionData && request.Payload["transaction_data"] is JsonArray transactionData)
        {
            // The hash is over the base64url string as received, not over its decoded JSON.
            payload["transaction_data_hashes"] = new JsonArray(transactionData.Select(t => (JsonNode)Jose.B64(SHA256.HashData(Encoding.ASCII.GetBytes((string)t!)))).ToArray());
            payload["transaction_data_hashes_alg"] = "sha-256";
        }
        changeKeyBinding?.Invoke(payload);
        return sdJwt + Jose.SignEs256(new JsonObject { ["typ"] = "kb+jwt" }, payload, _holder);
    }

    /// <summary>Posts <c>vp_token</c> and <c>state</c> form-encoded (direct_post).</summary>
    public Task<HttpResponseMessage> PostDirectAsync(WalletRequest request, JsonObject vpToken, string? state = null) =>
        http.PostAsync(new Uri(request.ResponseUri), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["vp_token"] = vpToken.ToJsonString(),
            ["state"] = state ?? request.State,
        }));

    /// <summary>Encrypts the response to the request's key (ECDH-ES) and posts it as <c>response</c> (direct_post.jwt).</summary>
    public Task<HttpResponseMessage> PostEncryptedAsync(WalletRequest request, JsonObject vpToken, string enc = "A128GCM", JsonObject? recipientJwk = null)
    {
        var payload = new JsonObject { ["vp_token"] = vpToken.DeepClone(), ["state"] = request.State };
        var jwe = Encrypt(payload.ToJsonString(), recipientJwk ?? request.EncryptionJwk ?? throw new InvalidOperationException("the request offers no encryption key"), enc);
        return http.PostAsync(new Uri(request.ResponseUri), new FormUrlEncodedContent(new Dictionary<string, string> { ["response"] = jwe }));
    }

    public static string Encrypt(string plaintext, JsonObject recipientJwk, string enc)
    {
        using var recipient = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars((string)recipientJwk["x"]!), Y = Base64Url.DecodeFromChars((string)recipientJwk["y"]!) },
        });
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var z = ephemeral.DeriveRawSecretAgreement(recipient.PublicKey);
        var keyBits = enc == "A256GCM" ? 256 : 128;
        var cek = EcdhEsJwe.ConcatKdf(z, enc, [], [], keyBits);
        var epk = ephemeral.ExportParameters(false);
        var header = new JsonObject
        {
            ["alg"] = "ECDH-ES",
            ["enc"] = enc,
            ["epk"] = new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Jose.B64(epk.Q.X!), ["y"] = Jose.B64(epk.Q.Y!) },
        };
        if (recipientJwk["kid"] is { } kid)
        {
            header["kid"] = (string)kid!;
        }
        var protectedHeader = Jose.B64(header.ToJsonString());
        var iv = RandomNumberGenerator.GetBytes(12);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var ciphertext = new byte[data.Length];
        var tag = new byte[16];
        using var aes = new AesGcm(cek, 16);
        aes.Encrypt(iv, data, ciphertext, tag, Encoding.ASCII.GetBytes(protectedHeader));
        return $"{protectedHeader}..{Jose.B64(iv)}.{Jose.B64(ciphertext)}.{Jose.B64(tag)}";
    }

    public void Dispose() => _holder.Dispose();
}
