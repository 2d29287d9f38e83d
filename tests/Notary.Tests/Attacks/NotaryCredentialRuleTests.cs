using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Vcdm;
using GaiaX.Oid4vc.RegistrySandbox;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GaiaX.Oid4vc.Notary.Tests.Attacks;

/// <summary>
/// Items 15, 16 and 18 of issue 18 for the Notary: its credential follows VCDM 2.0 (every
/// <c>evidence</c> entry names its <c>type</c>, section 5.6) and the VC-JOSE-COSE claims, as an
/// independent library sees it; a query parameter given twice is refused instead of being
/// comma-joined into one subject; percent-encoded bytes that are not UTF-8 or that spell the state
/// store's reserved <c>||</c> are the client's mistake (400), never a 5xx.
/// </summary>
public sealed class NotaryCredentialRuleTests
{
    private const string Vat = "DE812345673";

    [Fact]
    public async Task Registration_number_credential_has_typed_evidence_and_passes_the_vcdm_2_rules()
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        ArrangeVat(notary);

        using var response = await notary.GetCredentialAsync("vat-id", Vat);

        Assert.Equal(200, (int)response.StatusCode);
        var jwt = await response.Content.ReadAsStringAsync();
        var vc = await notary.VerifiedCredentialAsync(jwt);
        foreach (var evidence in vc["evidence"]!.AsArray())
        {
            var type = evidence!["type"];
            Assert.NotNull(type);
            Assert.NotEmpty(type is JsonArray array ? array.Select(t => t!.GetValue<string>()) : [type.GetValue<string>()]);
        }
        using var document = System.Text.Json.JsonDocument.Parse(vc.ToJsonString());
        Assert.Null(VcdmRules.CheckCredential(document.RootElement, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Registration_number_credential_carries_the_vc_jose_cose_claims_and_microsoft_identity_model_validates_it()
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        ArrangeVat(notary);

        using var response = await notary.GetCredentialAsync("vat-id", Vat);
        var jwt = await response.Content.ReadAsStringAsync();

        var payload = NotaryUnderTest.Payload(jwt);
        Assert.Equal(payload["issuer"]!.GetValue<string>(), payload["iss"]!.GetValue<string>());
        Assert.NotNull(payload["nbf"]);
        Assert.Null(payload["vc"]);
        Assert.Null(payload["vp"]);
        var document = JsonNode.Parse(await notary.Client.GetStringAsync(new Uri("/.well-known/did.json", UriKind.Relative)))!;
        var method = document["verificationMethod"]![0]!;
        var now = DateTime.UtcNow;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = document["id"]!.GetValue<string>(),
            ValidateAudience = false,
            IssuerSigningKey = new JsonWebKey(method["publicKeyJwk"]!.ToJsonString()) { KeyId = method["id"]!.GetValue<string>() },
            ValidTypes = ["vc+jwt"],
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) => notBefore is not null && notBefore <= now.AddMinutes(1) && expires > now,
        });
        Assert.True(result.IsValid, result.Exception?.ToString());
    }

    [Theory]
    [InlineData("subjectId=did:web:a.example&subjectId=did:web:b.example&vcId=urn:uuid:1")]
    [InlineData("subjectId=did:web:a.example&subjectId=&vcId=urn:uuid:1")]
    [InlineData("subjectId=did:web:a.example&vcId=urn:uuid:1&vcId=urn:uuid:2")]
    [InlineData("subjectId=did:web:a.example&subjectId=did:web:a.example")]
    public async Task Repeated_query_parameter_is_refused_with_400_problem_details_without_asking_the_registry(string query)
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        ArrangeVat(notary);

        using var response = await GetAsync(notary, $"/registration-numbers/vat-id/{Vat}?{query}");

        var problem = await NotaryUnderTest.ProblemAsync(response, 400);
        Assert.Contains("once", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, notary.RegistryCalls);
    }

    [Theory]
    [InlineData("/registration-numbers/vat-id/DE%FF12345673?subjectId=did:web:a.example")]
    [InlineData("/registration-numbers/vat-id/a%7C%7Cb?subjectId=did:web:a.example")]
    [InlineData("/registration-numbers/vat-id/%7C%7C?subjectId=did:web:a.example")]
    [InlineData("/registration-numbers/a%7C%7Cb/DE812345673?subjectId=did:web:a.example")]
    [InlineData("/registration-numbers/vat-id/DE812345673?subjectId=did:web:a.example&vcId=%C0%AF")]
    [InlineData("/registration-numbers/vat-id/DE812345673?subjectId=%2Frelative%2Fpath")]
    [InlineData("/registration-numbers/a%7C%7Cb")]
    public async Task Hostile_identifier_in_path_or_query_is_a_400_not_a_server_error(string path)
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        ArrangeVat(notary);

        using var response = await GetAsync(notary, path);

        await NotaryUnderTest.ProblemAsync(response, 400);
    }

    private static void ArrangeVat(NotaryUnderTest notary) =>
        notary.GivenVies("DE", "812345673", 200, RegistryWireFormats.ViesCheckVatResponse("DE", "812345673", valid: true, "Example Cloud GmbH"));

    private static Task<HttpResponseMessage> GetAsync(NotaryUnderTest notary, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vc+jwt"));
        return notary.Client.SendAsync(request);
    }
}
