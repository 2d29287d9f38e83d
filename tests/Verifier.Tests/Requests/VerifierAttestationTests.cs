using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Verifier.Tests.Support;

namespace Verifier.Tests.Requests;

/// <summary>
/// The verifier_attestation client identifier prefix (OpenID4VP 1.0 sections 5.9.3 and 12): a Verifier Attestation JWT
/// issued for the service key (Identity:Source=Files) rides in the request object's jwt header, and the request object is
/// signed with the key its cnf names.
/// </summary>
public sealed class VerifierAttestationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("verifier-attestation-").FullName;
    private readonly ECDsa _serviceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _attesterKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly TestPki _pki = new("Verifier Identity CA");

    public void Dispose()
    {
        _serviceKey.Dispose();
        _attesterKey.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private string Attestation(ECDsa boundKey)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new JsonObject
        {
            ["iss"] = "https://verifier-attester.example",
            ["sub"] = "verifier.example",
            ["iat"] = now,
            ["exp"] = now + 3600,
            ["cnf"] = new JsonObject { ["jwk"] = Jose.PublicJwk(boundKey) },
        };
        return Jose.SignEs256(new JsonObject { ["typ"] = "verifier-attestation+jwt", ["kid"] = "attester-1" }, payload, _attesterKey);
    }

    /// <summary>The service identity from files and the attestation bound to <paramref name="boundKey"/>.</summary>
    private async Task<string[]> ArgumentsAsync(ECDsa boundKey)
    {
        using var certificate = _pki.Issue(_serviceKey, "Verifier", "verifier.example");
        var chain = Path.Combine(_directory, "tls.crt");
        var key = Path.Combine(_directory, "tls.key");
        var attestation = Path.Combine(_directory, "attestation.jwt");
        await File.WriteAllTextAsync(chain, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(key, _serviceKey.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(attestation, Attestation(boundKey));
        return
        [
            "--Identity:Source=Files",
            $"--Identity:PrivateKeyPath={key}",
            $"--Identity:CertificateChainPath={chain}",
            $"--Verifier:VerifierAttestation:Path={attestation}",
        ];
    }

    [Fact]
    public async Task A_verifier_attestation_request_object_carries_the_attestation_and_is_signed_with_its_cnf_key()
    {
        await using var verifier = await VerifierHost.StartAsync(false, await ArgumentsAsync(_serviceKey));

        var created = await verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.EmployeeCredentialQuery()), prefix: "verifier_attestation"));

        Assert.Equal("verifier_attestation:verifier.example", (string?)created["client_id"]);
        var link = System.Web.HttpUtility.ParseQueryString(new Uri((string)created["authorization_request_uri"]!).Query);
        var requestObject = await verifier.Client.GetStringAsync(new Uri(link["request_uri"]!));
        var header = Jose.DecodePart(requestObject, 0);
        Assert.Equal(File.ReadAllText(Path.Combine(_directory, "attestation.jwt")).Trim(), (string?)header["jwt"]);
        // Verified by Microsoft.IdentityModel with the attestation's cnf key, not by this project's JOSE code.
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(requestObject, new TokenValidationParameters
        {
            IssuerSigningKey = new ECDsaSecurityKey(_serviceKey),
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            ValidTypes = ["oauth-authz-req+jwt"],
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.Equal("verifier_attestation:verifier.example", (string?)Jose.DecodePart(requestObject, 1)["client_id"]);
    }

    [Fact]
    public async Task An_attestation_bound_to_another_key_than_the_service_key_stops_the_verifier_naming_the_setting()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var failure = await Assert.ThrowsAnyAsync<Exception>(async () => await VerifierHost.StartAsync(false, await ArgumentsAsync(other)));

        Assert.Contains("Verifier:VerifierAttestation:Path", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_attestation_the_verifier_attestation_prefix_is_refused_naming_the_setting()
    {
        await using var verifier = await VerifierHost.StartAsync(false);

        using var response = await verifier.PostRequestAsync(Queries.Request(Queries.Dcql(Queries.EmployeeCredentialQuery()), prefix: "verifier_attestation"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Verifier:VerifierAttestation:Path", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
