using System.Net;
using System.Text.Json.Nodes;
using Verifier.Tests.Rules;
using Verifier.Tests.Support;

namespace Verifier.Tests.Flows;

/// <summary>A Verifier as the plain oid4vp-1final-verifier-test-plan runs it: decentralized_identifier, direct_post.</summary>
public sealed class PlainVerifierFixture : IAsyncLifetime
{
    public VerifierHost Verifier { get; private set; } = null!;

    public async Task InitializeAsync() => Verifier = await VerifierHost.StartAsync(false);

    public async Task DisposeAsync() => await Verifier.DisposeAsync();
}

/// <summary>
/// The modules of the OpenID Foundation's OpenID4VP 1.0 verifier plans, one test each, named for the module: the suite
/// acts as the wallet, sending an SD-JWT VC presentation whose one part the module breaks, and passes when the Verifier
/// answers 4xx (and here, too, when the request ends rejected for that reason). Module sources:
/// openid-certification/conformance-suite, src/main/java/net/openid/conformance/vp1finalverifier/.
/// oid4vp-1final-verifier-invalid-session-transcript applies to mso_mdoc only, which this Verifier does not accept.
/// </summary>
public abstract class ConformanceModuleTests
{
    protected abstract VerifierHost Verifier { get; }

    /// <summary>The plan's variant: client identifier prefix and response mode the request is created with.</summary>
    protected abstract (string? Prefix, string? ResponseMode) Variant { get; }

    private async Task<(TestWallet Wallet, string RequestId, WalletRequest Request)> StartAsync(string? method = null)
    {
        var wallet = Verifier.NewWallet();
        var created = await Verifier.CreateRequestAsync(
            Queries.Request(Queries.Dcql(Queries.EmployeeCredentialQuery()), responseMode: Variant.ResponseMode, prefix: Variant.Prefix, method: method)
        );
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        return (wallet, (string)created["request_id"]!, request);
    }

    private Task<HttpResponseMessage> RespondAsync(TestWallet wallet, WalletRequest request, string presentation)
    {
        var vpToken = new JsonObject { ["employee"] = new JsonArray(presentation) };
        return request.ResponseMode == "direct_post.jwt" ? wallet.PostEncryptedAsync(request, vpToken) : wallet.PostDirectAsync(request, vpToken);
    }

    private SdJwtCredential Employee(TestWallet wallet) => Verifier.Issuer.IssueSdJwt(Queries.EmployeeVct, Queries.EmployeeClaims(), wallet.HolderJwk);

    private static string BreakSignature(string jws)
    {
        var cut = jws.LastIndexOf('.') + 1;
        var signature = jws[cut..].ToCharArray();
        signature[5] = signature[5] == 'A' ? 'B' : 'A';
        return jws[..cut] + new string(signature);
    }

    private async Task AssertAcceptedAsync(HttpResponseMessage response, string requestId)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("verified", (string?)(await Verifier.StatusAsync(requestId))["status"]);
    }

    /// <summary>The presentation the module makes (<paramref name="present"/>); the Verifier must refuse it for <paramref name="reason"/>.</summary>
    private async Task AssertModuleRejectsAsync(Func<TestWallet, WalletRequest, string> present, string reason)
    {
        var (wallet, requestId, request) = await StartAsync();
        using (wallet)
        {
            using var response = await RespondAsync(wallet, request, present(wallet, request));

            await Verifier.AssertRejectedAsync(response, requestId, reason);
        }
    }

    [Fact]
    public async Task Oid4vp_1final_verifier_happy_flow()
    {
        var (wallet, requestId, request) = await StartAsync();
        using (wallet)
        {
            using var response = await RespondAsync(wallet, request, wallet.PresentSdJwt(request, Employee(wallet), ["given_name", "family_name"]));

            await AssertAcceptedAsync(response, requestId);
        }
    }

    [Fact]
    public async Task Oid4vp_1final_verifier_minimal_cnf_jwk()
    {
        var (wallet, requestId, request) = await StartAsync();
        using (wallet)
        {
            // The cnf.jwk holds kty, crv, x and y only: no kid, use, alg or x5c.
            Assert.Equal(["crv", "kty", "x", "y"], wallet.HolderJwk.Select(p => p.Key).Order(StringComparer.Ordinal));
            using var response = await RespondAsync(wallet, request, wallet.PresentSdJwt(request, Employee(wallet), ["given_name", "family_name"]));

            await AssertAcceptedAsync(response, requestId);
        }
    }

    [Fact]
    public async Task Oid4vp_1final_verifier_request_uri_method_post()
    {
        var (wallet, requestId, request) = await StartAsync(method: "post");
        using (wallet)
        {
            using var response = await RespondAsync(wallet, request, wallet.PresentSdJwt(request, Employee(wallet), ["given_name", "family_name"]));

            await AssertAcceptedAsync(response, requestId);
        }
    }

    [Fact]
    public async Task Oid4vp_1final_verifier_request_uri_fetched_twice()
    {
        var wallet = Verifier.NewWallet();
        using (wallet)
        {
            var created = await Verifier.CreateRequestAsync(
                Queries.Request(Queries.Dcql(Queries.EmployeeCredentialQuery()), responseMode: Variant.ResponseMode, prefix: Variant.Prefix)
            );
            var link = (string)created["authorization_request_uri"]!;
            var first = await wallet.FetchAsync(link);

            var second = await wallet.FetchAsync(link);
            Assert.Equal(first.Nonce, second.Nonce);
            using var response = await RespondAsync(wallet, second, wallet.PresentSdJwt(second, Employee(wallet), ["given_name", "family_name"]));

            await AssertAcceptedAsync(response, (string)created["request_id"]!);
        }
    }

    [Fact]
    public Task Oid4vp_1final_verifier_invalid_kb_jwt_signature() =>
        AssertModuleRejectsAsync((wallet, request) => BreakSignature(wallet.PresentSdJwt(request, Employee(wallet), ["given_name", "family_name"])), "invalid_presentation_signature");

    [Fact]
    public Task Oid4vp_1final_verifier_invalid_credential_signature() =>
        AssertModuleRejectsAsync(
            (wallet, request) =>
            {
                var employee = Employee(wallet);
                var broken = employee with { IssuerJwt = BreakSignature(employee.IssuerJwt) };
                return wallet.PresentSdJwt(request, broken, ["given_name", "family_name"]);
            },
            "invalid_credential_signature"
        );

    [Fact]
    public Task Oid4vp_1final_verifier_invalid_sd_hash() =>
        AssertModuleRejectsAsync((wallet, request) => wallet.PresentSdJwt(request, Employee(wallet), ["given_name", "family_name"], sdHash: "AAAA"), "invalid_sd_hash");

    [Fact]
    public Task Oid4vp_1final_verifier_invalid_kb_jwt_nonce() =>
        AssertModuleRejectsAsync((wallet, request) => wallet.PresentSdJwt(request, Employee(wallet), ["given_name", "family_name"], nonce: "not-the-request-nonce"), "invalid_nonce");

    [Fact]
    public Task Oid4vp_1final_verifier_invalid_kb_jwt_aud() =>
        AssertModuleRejectsAsync((wallet, request) => wallet.PresentSdJwt(request, Employee(wallet), ["given_name", "family_name"], audience: "https://other-verifier.example"), "invalid_audience");

    [Fact]
    public Task Oid4vp_1final_verifier_kb_jwt_iat_in_past() =>
        AssertModuleRejectsAsync(
            (wallet, request) => wallet.PresentSdJwt(request, Employee(wallet), ["given_name", "family_name"], changeKeyBinding: kb => kb["iat"] = DateTimeOffset.UtcNow.AddYears(-1).ToUnixTimeSeconds()),
            "presentation_expired"
        );

    [Fact]
    public Task Oid4vp_1final_verifier_kb_jwt_iat_in_future() =>
        AssertModuleRejectsAsync(
            (wallet, request) => wallet.PresentSdJwt(request, Employee(wallet), ["given_name", "family_name"], changeKeyBinding: kb => kb["iat"] = DateTimeOffset.UtcNow.AddYears(1).ToUnixTimeSeconds()),
            "presentation_expired"
        );
}

/// <summary>The modules as oid4vp-1final-verifier-test-plan runs them with decentralized_identifier and direct_post.</summary>
public sealed class PlainPlanConformanceModuleTests(PlainVerifierFixture fixture) : ConformanceModuleTests, IClassFixture<PlainVerifierFixture>
{
    protected override VerifierHost Verifier => fixture.Verifier;

    protected override (string? Prefix, string? ResponseMode) Variant => ("decentralized_identifier", "direct_post");
}

/// <summary>The modules as oid4vp-1final-verifier-haip-test-plan runs them: x509_hash, signed request_uri, direct_post.jwt.</summary>
public sealed class HaipPlanConformanceModuleTests(HaipVerifierFixture fixture) : ConformanceModuleTests, IClassFixture<HaipVerifierFixture>
{
    protected override VerifierHost Verifier => fixture.Verifier;

    protected override (string? Prefix, string? ResponseMode) Variant => ("x509_hash", "direct_post.jwt");
}
