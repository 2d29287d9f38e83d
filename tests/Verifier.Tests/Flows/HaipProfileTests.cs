using System.Net;
using System.Text.Json.Nodes;
using Verifier.Tests.Support;

namespace Verifier.Tests.Flows;

/// <summary>A Verifier under <c>Verifier:Profile=haip</c>.</summary>
public sealed class HaipVerifierFixture : IAsyncLifetime
{
    public VerifierHost Verifier { get; private set; } = null!;

    public async Task InitializeAsync() => Verifier = await VerifierHost.StartAsync(false, "--Verifier:Profile=haip");

    public async Task DisposeAsync() => await Verifier.DisposeAsync();
}

/// <summary>What <c>Verifier:Profile=haip</c> makes of a presentation request, and what it refuses.</summary>
public sealed class HaipProfileTests(HaipVerifierFixture fixture) : IClassFixture<HaipVerifierFixture>
{
    private VerifierHost Verifier => fixture.Verifier;

    [Fact]
    public async Task Under_haip_a_request_defaults_to_x509_hash_and_direct_post_jwt_and_an_encrypted_sd_jwt_vc_presentation_verifies()
    {
        using var wallet = Verifier.NewWallet();
        var created = await Verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.EmployeeCredentialQuery())));

        Assert.StartsWith("x509_hash:", (string?)created["client_id"]);
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        Assert.Equal("direct_post.jwt", request.ResponseMode);
        var employee = Verifier.Issuer.IssueSdJwt(Queries.EmployeeVct, Queries.EmployeeClaims(), wallet.HolderJwk);
        using var response = await wallet.PostEncryptedAsync(request, new JsonObject { ["employee"] = new JsonArray(wallet.PresentSdJwt(request, employee, ["given_name", "family_name"])) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("verified", (string?)(await Verifier.StatusAsync((string)created["request_id"]!))["status"]);
    }

    [Theory]
    [InlineData("direct_post", null, "/response_mode")]
    [InlineData(null, "decentralized_identifier", "/client_id_prefix")]
    [InlineData(null, "x509_san_dns", "/client_id_prefix")]
    public async Task Under_haip_a_plain_response_mode_or_another_client_id_prefix_is_refused_naming_the_member(string? mode, string? prefix, string pointer)
    {
        using var response = await Verifier.PostRequestAsync(Queries.Request(Queries.Dcql(Queries.EmployeeCredentialQuery()), responseMode: mode, prefix: prefix));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem["errors"]!.AsArray(), e => (string?)e!["pointer"] == pointer && ((string?)e["detail"])!.Contains("haip", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Under_haip_a_credential_format_outside_HAIP_is_refused()
    {
        using var response = await Verifier.PostRequestAsync(Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery())));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem["errors"]!.AsArray(), e => (string?)e!["pointer"] == "/dcql_query/credentials/0/format");
    }
}
