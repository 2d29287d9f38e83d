using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;

namespace Issuer.Tests;

/// <summary>The settings of <c>Issuer:CredentialEncryption</c>: a mounted key, encryption required, encryption off.</summary>
public sealed class CredentialEncryptionSettingsTests
{
    private static async Task<IssuerFixture> StartAsync(params string[] args)
    {
        var fixture = new IssuerFixture { ExtraArgs = args };
        await fixture.InitializeAsync();
        return fixture;
    }

    private static async Task<JsonObject> MetadataAsync(IssuerFixture fixture) =>
        JsonNode.Parse(await fixture.Client.GetStringAsync("/.well-known/openid-credential-issuer"))!.AsObject();

    [Fact]
    public async Task A_mounted_key_file_is_the_key_metadata_publishes()
    {
        var path = Path.Combine(Path.GetTempPath(), "enc-" + Guid.NewGuid().ToString("N") + ".pem");
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        await File.WriteAllTextAsync(path, key.ExportPkcs8PrivateKeyPem());
        var fixture = await StartAsync($"--Issuer:CredentialEncryption:KeyPath={path}");
        try
        {
            var jwk = (await MetadataAsync(fixture))["credential_request_encryption"]!["jwks"]!["keys"]![0]!;
            using var ecdsa = ECDsa.Create(key.ExportParameters(false));
            Assert.Equal(Jwk.Thumbprint(Jwk.FromPublicKey(ecdsa)), jwk["kid"]!.GetValue<string>());
        }
        finally
        {
            await fixture.DisposeAsync();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_missing_key_file_stops_the_issuer_naming_the_setting()
    {
        var failure = await IssuerFixture.StartFailureAsync("--Issuer:CredentialEncryption:KeyPath=/nonexistent/encryption.pem");

        Assert.Contains("Issuer:CredentialEncryption:KeyPath", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_file_without_a_P256_key_stops_the_issuer()
    {
        var path = Path.Combine(Path.GetTempPath(), "enc-" + Guid.NewGuid().ToString("N") + ".pem");
        using var rsa = RSA.Create(2048);
        await File.WriteAllTextAsync(path, rsa.ExportPkcs8PrivateKeyPem());
        try
        {
            var failure = await IssuerFixture.StartFailureAsync($"--Issuer:CredentialEncryption:KeyPath={path}");

            Assert.Contains("P-256", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Required_encryption_refuses_a_plain_request_with_invalid_encryption_parameters()
    {
        var fixture = await StartAsync("--Issuer:CredentialEncryption:Required=true");
        try
        {
            var metadata = await MetadataAsync(fixture);
            Assert.True(metadata["credential_request_encryption"]!["encryption_required"]!.GetValue<bool>());
            Assert.True(metadata["credential_response_encryption"]!["encryption_required"]!.GetValue<bool>());
            using var wallet = fixture.NewWallet();
            var token = await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer());

            var (status, body, _) = await wallet.RequestCredentialAsync(token, new
            {
                credential_configuration_id = "LegalPerson_jwt_vc_json",
                proofs = new { jwt = new[] { wallet.Proof(wallet.NewKey(), await wallet.NonceAsync()) } },
            });

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("invalid_encryption_parameters", body!["error"]!.GetValue<string>());
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    [Fact]
    public async Task With_encryption_off_metadata_offers_none_and_an_encrypted_request_is_refused()
    {
        var fixture = await StartAsync("--Issuer:CredentialEncryption:Enabled=false");
        try
        {
            var metadata = await MetadataAsync(fixture);
            Assert.Null(metadata["credential_request_encryption"]);
            Assert.Null(metadata["credential_response_encryption"]);
            using var wallet = fixture.NewWallet();
            var token = await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer());
            using var message = new HttpRequestMessage(HttpMethod.Post, "/credential")
            {
                Content = new StringContent("eyJhbGciOiJFQ0RILUVTIn0..aaaa.bbbb.cccc", Encoding.ASCII),
            };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/jwt");
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

            using var response = await fixture.Client.SendAsync(message);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid_encryption_parameters", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
