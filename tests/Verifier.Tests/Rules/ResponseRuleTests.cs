using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Testing;
using Verifier.Tests.Support;

namespace Verifier.Tests.Rules;

/// <summary>One test per response rule: the wallet gets the error, the relying party the reason.</summary>
public sealed class ResponseRuleTests(VerifierFixture fixture) : IClassFixture<VerifierFixture>
{
    private VerifierHost Verifier => fixture.Verifier;

    private static JsonObject LegalPersonDcql(JsonArray? values = null) => Queries.Dcql(Queries.LegalPersonCredentialQuery(values: values));

    private static JsonObject Token(string id, string presentation) => new() { [id] = new JsonArray(presentation) };

    [Fact]
    public async Task Presentation_with_a_nonce_other_than_the_request_nonce_is_rejected_with_invalid_nonce()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, LegalPersonDcql());
        var vp = wallet.PresentVcJwt(request, [issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)], nonce: "a-nonce-from-another-request");
        using var response = await wallet.PostDirectAsync(request, Token("legal_person", vp));
        await Verifier.AssertRejectedAsync(response, id, "invalid_nonce");
    }

    [Fact]
    public async Task Key_binding_jwt_with_a_nonce_other_than_the_request_nonce_is_rejected_with_invalid_nonce()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Queries.Dcql(Queries.EmployeeCredentialQuery()));
        var credential = issuer.IssueSdJwt(Queries.EmployeeVct, Queries.EmployeeClaims(), wallet.HolderJwk);
        using var response = await wallet.PostDirectAsync(request, Token("employee", wallet.PresentSdJwt(request, credential, ["given_name", "family_name"], nonce: "stale")));
        await Verifier.AssertRejectedAsync(response, id, "invalid_nonce");
    }

    [Fact]
    public async Task Presentation_whose_aud_is_the_client_id_without_its_prefix_is_rejected_with_invalid_audience()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, LegalPersonDcql());
        var unprefixed = request.ClientId["decentralized_identifier:".Length..];
        var vp = wallet.PresentVcJwt(request, [issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)], audience: unprefixed);
        using var response = await wallet.PostDirectAsync(request, Token("legal_person", vp));
        await Verifier.AssertRejectedAsync(response, id, "invalid_audience");
    }

    [Fact]
    public async Task Replayed_response_is_refused_and_the_first_outcome_stands()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, LegalPersonDcql());
        var token = Token("legal_person", wallet.PresentVcJwt(request, [issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)]));
        using var first = await wallet.PostDirectAsync(request, token);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var replay = await wallet.PostDirectAsync(request, token);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_request", (string?)JsonNode.Parse(await replay.Content.ReadAsStringAsync())!["error"]);
        Assert.Equal("verified", (string?)(await Verifier.StatusAsync(id))["status"]);
        await Verifier.Events.ForRequestAsync(id);
        await Task.Delay(300); // a duplicate would be delivered by now
        Assert.Single(Verifier.Events.Received, e => e.RequestId == id);
    }

    [Fact]
    public async Task Concurrent_copies_of_one_response_are_accepted_exactly_once()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, LegalPersonDcql());
        var token = Token("legal_person", wallet.PresentVcJwt(request, [issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)]));
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => wallet.PostDirectAsync(request, token)));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        foreach (var response in responses)
        {
            response.Dispose();
        }
        await Verifier.Events.ForRequestAsync(id);
        await Task.Delay(300); // a duplicate would be delivered by now
        Assert.Single(Verifier.Events.Received, e => e.RequestId == id);
    }

    [Fact]
    public async Task Presentation_replayed_into_another_request_is_rejected_with_invalid_nonce()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var (_, first) = await Verifier.StartAsync(wallet, LegalPersonDcql());
        var (secondId, second) = await Verifier.StartAsync(wallet, LegalPersonDcql());
        var vp = wallet.PresentVcJwt(first, [issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)]);
        using var response = await wallet.PostDirectAsync(second, Token("legal_person", vp));
        await Verifier.AssertRejectedAsync(response, secondId, "invalid_nonce");
    }

    [Fact]
    public async Task Tampered_credential_is_rejected_with_invalid_credential_signature()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, LegalPersonDcql());
        var credential = issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk);
        var parts = credential.Split('.');
        var payload = Jose.DecodePart(credential, 1);
        payload["credentialSubject"]!["legalName"] = "Someone Else Ltd";
        var tampered = $"{parts[0]}.{Jose.B64(payload.ToJsonString())}.{parts[2]}";
        using var response = await wallet.PostDirectAsync(request, Token("legal_person", wallet.PresentVcJwt(request, [tampered])));
        await Verifier.AssertRejectedAsync(response, id, "invalid_credential_signature");
    }

    [Fact]
    public async Task Credential_from_an_issuer_outside_the_trust_anchors_is_rejected_with_untrusted_issuer()
    {
        using var rogueCa = new TestPki("Rogue CA");
        await using var issuer = await TestIssuer.StartAsync(rogueCa);
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, LegalPersonDcql());
        var vp = wallet.PresentVcJwt(request, [issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)]);
        using var response = await wallet.PostDirectAsync(request, Token("legal_person", vp));
        await Verifier.AssertRejectedAsync(response, id, "untrusted_issuer");
    }

    [Fact]
    public async Task Credential_past_its_validUntil_is_rejected_with_credential_expired()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, LegalPersonDcql());
        var expired = issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk, validUntil: DateTimeOffset.UtcNow.AddHours(-1));
        using var response = await wallet.PostDirectAsync(request, Token("legal_person", wallet.PresentVcJwt(request, [expired])));
        await Verifier.AssertRejectedAsync(response, id, "credential_expired");
    }

    [Fact]
    public async Task Sd_jwt_vc_past_its_exp_is_rejected_with_credential_expired()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Queries.Dcql(Queries.EmployeeCredentialQuery()));
        var expired = issuer.IssueSdJwt(Queries.EmployeeVct, Queries.EmployeeClaims(), wallet.HolderJwk, expires: DateTimeOffset.UtcNow.AddHours(-1));
        using var response = await wallet.PostDirectAsync(request, Token("employee", wallet.PresentSdJwt(request, expired, ["given_name", "family_name"])));
        await Verifier.AssertRejectedAsync(response, id, "credential_expired");
    }

    [Fact]
    public async Task Presentation_missing_a_claim_the_dcql_query_requires_is_rejected_with_claim_missing()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Queries.Dcql(Queries.EmployeeCredentialQuery()));
        var credential = issuer.IssueSdJwt(Queries.EmployeeVct, Queries.EmployeeClaims(), wallet.HolderJwk);
        using var response = await wallet.PostDirectAsync(request, Token("employee", wallet.PresentSdJwt(request, credential, ["given_name"])));
        await Verifier.AssertRejectedAsync(response, id, "claim_missing");
    }

    [Fact]
    public async Task Claim_with_a_value_the_dcql_query_does_not_allow_is_rejected_with_claim_value_not_allowed()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, LegalPersonDcql(new JsonArray("Allowed Corp", "Other Allowed Corp")));
        var vp = wallet.PresentVcJwt(request, [issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject("Example Corp"), holderJwk: wallet.HolderJwk)]);
        using var response = await wallet.PostDirectAsync(request, Token("legal_person", vp));
        await Verifier.AssertRejectedAsync(response, id, "claim_value_not_allowed");
    }

    [Fact]
    public async Task Response_with_a_state_other_than_the_request_state_is_refused_and_leaves_the_request_open()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, LegalPersonDcql());
        var vp = wallet.PresentVcJwt(request, [issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)]);
        using var response = await wallet.PostDirectAsync(request, Token("legal_person", vp), state: "not-the-state");
        await AssertRefusedWithoutOutcomeAsync(response, id, "state");
    }

    /// <summary>A response that proves no knowledge of the request is refused; the request still waits for the real one.</summary>
    private async Task AssertRefusedWithoutOutcomeAsync(HttpResponseMessage response, string id, string mentioned)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid_request", (string?)error["error"]);
        Assert.Contains(mentioned, (string?)error["error_description"], StringComparison.Ordinal);
        var status = await Verifier.StatusAsync(id);
        Assert.Equal("retrieved", (string?)status["status"]);
        Assert.Null(status["reasons"]);
    }

    [Fact]
    public async Task Response_encrypted_to_a_key_other_than_the_request_key_is_refused_and_leaves_the_request_open()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, LegalPersonDcql(), responseMode: "direct_post.jwt");
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var otherJwk = Jose.PublicJwk(otherKey);
        otherJwk["kid"] = (string)request.EncryptionJwk!["kid"]!; // same kid, different key
        var vp = wallet.PresentVcJwt(request, [issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)]);
        using var response = await wallet.PostEncryptedAsync(request, Token("legal_person", vp), recipientJwk: otherJwk);
        await AssertRefusedWithoutOutcomeAsync(response, id, "decrypt");
    }

    [Fact]
    public async Task Unencrypted_vp_token_for_a_direct_post_jwt_request_is_rejected_with_response_encryption_required()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, LegalPersonDcql(), responseMode: "direct_post.jwt");
        var vp = wallet.PresentVcJwt(request, [issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)]);
        using var response = await wallet.PostDirectAsync(request, Token("legal_person", vp));
        await Verifier.AssertRejectedAsync(response, id, "response_encryption_required");
    }

    [Fact]
    public async Task Key_binding_jwt_with_a_wrong_sd_hash_is_rejected_with_invalid_sd_hash()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Queries.Dcql(Queries.EmployeeCredentialQuery()));
        var credential = issuer.IssueSdJwt(Queries.EmployeeVct, Queries.EmployeeClaims(), wallet.HolderJwk);
        // The hash of a different disclosure set: the KB-JWT does not cover what was presented.
        var otherHash = Jose.B64(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(credential.Disclose("given_name", "family_name", "email"))));
        using var response = await wallet.PostDirectAsync(request, Token("employee", wallet.PresentSdJwt(request, credential, ["given_name", "family_name"], sdHash: otherHash)));
        await Verifier.AssertRejectedAsync(response, id, "invalid_sd_hash");
    }

    [Fact]
    public async Task Sd_jwt_without_key_binding_is_rejected_when_the_query_requires_holder_binding()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, Queries.Dcql(Queries.EmployeeCredentialQuery()));
        var credential = issuer.IssueSdJwt(Queries.EmployeeVct, Queries.EmployeeClaims(), wallet.HolderJwk);
        using var response = await wallet.PostDirectAsync(request, Token("employee", credential.Disclose("given_name", "family_name")));
        await Verifier.AssertRejectedAsync(response, id, "holder_binding_missing");
    }

    [Fact]
    public async Task Vp_token_with_two_presentations_for_a_query_without_multiple_is_rejected()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, LegalPersonDcql());
        var vp = wallet.PresentVcJwt(request, [issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)]);
        using var response = await wallet.PostDirectAsync(request, new JsonObject { ["legal_person"] = new JsonArray(vp, vp) });
        await Verifier.AssertRejectedAsync(response, id, "multiple_not_allowed");
    }

    [Fact]
    public async Task Bare_vc_jwt_is_accepted_only_when_the_query_waives_holder_binding()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var credential = issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk);

        var (boundId, bound) = await Verifier.StartAsync(wallet, LegalPersonDcql());
        using var refused = await wallet.PostDirectAsync(bound, Token("legal_person", credential));
        await Verifier.AssertRejectedAsync(refused, boundId, "invalid_presentation");

        var waived = Queries.LegalPersonCredentialQuery();
        waived["require_cryptographic_holder_binding"] = false;
        var (waivedId, request) = await Verifier.StartAsync(wallet, Queries.Dcql(waived));
        using var accepted = await wallet.PostDirectAsync(request, Token("legal_person", credential));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("verified", (string?)(await Verifier.StatusAsync(waivedId))["status"]);
    }

    [Fact]
    public async Task Trusted_authorities_aki_is_matched_against_the_issuer_certificate_chain()
    {
        var issuer = Verifier.Issuer;
        using var wallet = Verifier.NewWallet();
        var credential = issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk);

        var matching = Queries.LegalPersonCredentialQuery();
        matching["trusted_authorities"] = new JsonArray(new JsonObject { ["type"] = "aki", ["values"] = new JsonArray(Verifier.IssuerPki.AuthorityKeyIdentifier) });
        var (okId, okRequest) = await Verifier.StartAsync(wallet, Queries.Dcql(matching));
        using var accepted = await wallet.PostDirectAsync(okRequest, Token("legal_person", wallet.PresentVcJwt(okRequest, [credential])));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("verified", (string?)(await Verifier.StatusAsync(okId))["status"]);

        var other = Queries.LegalPersonCredentialQuery();
        other["trusted_authorities"] = new JsonArray(new JsonObject { ["type"] = "aki", ["values"] = new JsonArray("s9tIpPmhxdiuNkHMEWNpYim8S8Y") });
        var (id, request) = await Verifier.StartAsync(wallet, Queries.Dcql(other));
        using var refused = await wallet.PostDirectAsync(request, Token("legal_person", wallet.PresentVcJwt(request, [credential])));
        await Verifier.AssertRejectedAsync(refused, id, "trusted_authorities_mismatch");
    }

    [Fact]
    public async Task Wallet_error_response_marks_the_request_rejected_with_the_wallet_error()
    {
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, LegalPersonDcql());
        using var response = await Verifier.Client.PostAsync(new Uri(request.ResponseUri), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["error"] = "access_denied",
            ["error_description"] = "the user declined",
            ["state"] = request.State,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await Verifier.StatusAsync(id);
        Assert.Equal("rejected", (string?)status["status"]);
        Assert.Contains("access_denied", (string?)status["reasons"]![0]!["description"]);
    }
}

/// <summary>Rules that need their own Verifier (a fake clock or other limits).</summary>
public sealed class ResponseLimitRuleTests
{
    [Fact]
    public async Task Response_after_the_request_expired_is_rejected_with_request_expired()
    {
        await using var verifier = await VerifierHost.StartAsync(fakeTime: true, "--Verifier:RequestLifetimeSeconds=60");
        var issuer = verifier.Issuer;
        using var wallet = verifier.NewWallet();
        var (id, request) = await verifier.StartAsync(wallet, Queries.Dcql(Queries.LegalPersonCredentialQuery()));
        var vp = wallet.PresentVcJwt(request, [issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)]);
        verifier.Time!.Advance(TimeSpan.FromSeconds(61));
        using var response = await wallet.PostDirectAsync(request, new JsonObject { ["legal_person"] = new JsonArray(vp) });
        await verifier.AssertRejectedAsync(response, id, "request_expired");
    }

    [Fact]
    public async Task Unanswered_request_shows_expired_once_its_lifetime_is_over()
    {
        await using var verifier = await VerifierHost.StartAsync(fakeTime: true, "--Verifier:RequestLifetimeSeconds=60");
        var created = await verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery())));
        Assert.Equal("pending", (string?)(await verifier.StatusAsync((string)created["request_id"]!))["status"]);
        verifier.Time!.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("expired", (string?)(await verifier.StatusAsync((string)created["request_id"]!))["status"]);
    }

    [Fact]
    public async Task Request_object_is_not_served_after_the_request_expired()
    {
        await using var verifier = await VerifierHost.StartAsync(fakeTime: true, "--Verifier:RequestLifetimeSeconds=60");
        using var wallet = verifier.NewWallet();
        var created = await verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery())));
        verifier.Time!.Advance(TimeSpan.FromSeconds(61));
        var error = await Assert.ThrowsAsync<WalletException>(() => wallet.FetchAsync((string)created["authorization_request_uri"]!));
        Assert.Equal(400, error.Status);
        Assert.Contains("expired", error.Body);
    }

    [Fact]
    public async Task Response_larger_than_the_limit_is_refused_with_413_and_leaves_the_request_open()
    {
        await using var verifier = await VerifierHost.StartAsync(false, "--Verifier:MaxResponseBytes=16384");
        using var wallet = verifier.NewWallet();
        var (id, request) = await verifier.StartAsync(wallet, Queries.Dcql(Queries.LegalPersonCredentialQuery()));
        using var response = await wallet.PostDirectAsync(request, new JsonObject { ["legal_person"] = new JsonArray(new string('a', 20_000)) });
        await AssertTooLargeAndOpenAsync(verifier, response, id);
    }

    [Fact]
    public async Task Chunked_response_without_content_length_is_cut_off_at_the_limit()
    {
        await using var verifier = await VerifierHost.StartAsync(false, "--Verifier:MaxResponseBytes=16384");
        using var wallet = verifier.NewWallet();
        var (id, request) = await verifier.StartAsync(wallet, Queries.Dcql(Queries.LegalPersonCredentialQuery()));
        var body = "vp_token=" + new string('a', 40_000) + "&state=" + request.State;
        using var content = new StreamContent(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(body)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var message = new HttpRequestMessage(HttpMethod.Post, request.ResponseUri) { Content = content };
        message.Headers.TransferEncodingChunked = true;
        using var response = await verifier.Client.SendAsync(message);
        await AssertTooLargeAndOpenAsync(verifier, response, id);
    }

    /// <summary>413 with an OAuth error; the request is not judged on a body that was never read.</summary>
    private static async Task AssertTooLargeAndOpenAsync(VerifierHost verifier, HttpResponseMessage response, string id)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("invalid_request", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
        Assert.Equal("retrieved", (string?)(await verifier.StatusAsync(id))["status"]);
    }
}
