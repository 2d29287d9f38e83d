using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Verifier.Tests.Support;

namespace Verifier.Tests.Flows;

/// <summary>
/// A relying party's callback_url gets each status change as a CloudEvent (structured mode) signed with
/// the Verifier's key (RFC 9421), verified here independently from the Verifier's DID document; a
/// receiver that fails first gets it again; loopback and private addresses are refused at creation.
/// </summary>
public sealed class WebhookTests
{
    private static Task<string> VerifiedRequestAsync(VerifierHost verifier, Uri callback)
    {
        var body = Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery()), compliance: false);
        body["callback_url"] = callback.AbsoluteUri;
        return verifier.PresentLegalPersonAsync(body);
    }

    [Fact]
    public async Task Status_change_is_delivered_as_a_cloudevent_whose_rfc9421_signature_verifies_with_the_did_document_key()
    {
        await using var receiver = await GaiaX.Oid4vc.Testing.WebhookReceiver.StartAsync();
        var (hook, calls) = (receiver.Url, receiver.Calls);
        await using var verifier = await VerifierHost.StartAsync(false, "--Webhooks:AllowLoopback=true");

        var requestId = await VerifiedRequestAsync(verifier, hook);

        Assert.True(await GaiaX.Oid4vc.Testing.Poll.UntilAsync(() => !calls.IsEmpty), "the webhook arrived");
        var call = Assert.Single(calls);
        Assert.Equal("application/cloudevents+json", call.Headers.ContentType.ToString());
        var cloudEvent = JsonNode.Parse(call.Body)!;
        Assert.Equal("1.0", (string?)cloudEvent["specversion"]);
        Assert.Equal("eu.gaia-x.oid4vc.verifier.presentation-request.status-changed", (string?)cloudEvent["type"]);
        Assert.Equal(requestId, (string?)cloudEvent["subject"]);
        Assert.Equal("verified", (string?)cloudEvent["data"]!["status"]);
        Assert.Equal(verifier.Host.BaseUrl.AbsoluteUri.TrimEnd('/'), (string?)cloudEvent["source"]);

        // Content-Digest (RFC 9530) of the body as received.
        Assert.Equal("sha-256=:" + Convert.ToBase64String(SHA256.HashData(call.Body)) + ":", call.Headers["Content-Digest"].ToString());

        // Rebuild the signature base (RFC 9421 section 2.5) from what was received, and verify.
        var input = call.Headers["Signature-Input"].ToString();
        Assert.StartsWith("sig1=(\"@method\" \"@target-uri\" \"content-digest\" \"content-type\");created=", input, StringComparison.Ordinal);
        Assert.Contains(";alg=\"ecdsa-p256-sha256\"", input, StringComparison.Ordinal);
        var parameters = input["sig1=".Length..];
        var keyId = parameters.Split("keyid=\"")[1].Split('"')[0];
        var signatureBase =
            $"\"@method\": POST\n\"@target-uri\": {call.Url.AbsoluteUri}\n\"content-digest\": {call.Headers["Content-Digest"]}\n"
            + $"\"content-type\": {call.Headers.ContentType}\n\"@signature-params\": {parameters}";
        var signatureField = call.Headers["Signature"].ToString();
        Assert.StartsWith("sig1=:", signatureField, StringComparison.Ordinal);
        var signature = Convert.FromBase64String(signatureField["sig1=:".Length..^1]);

        var did = JsonNode.Parse(await verifier.Client.GetStringAsync("/.well-known/did.json"))!;
        var method = did["verificationMethod"]!.AsArray().Single(m => (string?)m!["id"] == keyId)!;
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint
            {
                X = System.Buffers.Text.Base64Url.DecodeFromChars((string)method["publicKeyJwk"]!["x"]!),
                Y = System.Buffers.Text.Base64Url.DecodeFromChars((string)method["publicKeyJwk"]!["y"]!),
            },
        });
        Assert.True(
            key.VerifyData(Encoding.ASCII.GetBytes(signatureBase), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            "the RFC 9421 signature verifies with the Verifier's DID document key"
        );
    }

    [Fact]
    public async Task Receiver_answering_503_gets_the_same_event_again_until_it_accepts()
    {
        await using var receiver = await GaiaX.Oid4vc.Testing.WebhookReceiver.StartAsync(failures: 1);
        var (hook, calls) = (receiver.Url, receiver.Calls);
        await using var verifier = await VerifierHost.StartAsync(false, "--Webhooks:AllowLoopback=true", "--Webhooks:InitialRetryDelay=00:00:00.2");

        await VerifiedRequestAsync(verifier, hook);

        Assert.True(await GaiaX.Oid4vc.Testing.Poll.UntilAsync(() => calls.Count >= 2), "the webhook was retried");
        var ids = calls.Select(c => (string?)JsonNode.Parse(c.Body)!["id"]).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Single(ids.Distinct());
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook", "callback_url: a loopback address is not allowed")]
    [InlineData("https://10.0.0.1/hook", "callback_url: a private or special-purpose address is not allowed")]
    [InlineData("https://[::1]/hook", "callback_url: a loopback address is not allowed")]
    [InlineData("http://rp.example/hook", "callback_url: must use https")]
    public async Task Callback_to_a_loopback_or_private_address_is_refused_at_creation_when_not_allowed(string callback, string problem)
    {
        await using var verifier = await VerifierHost.StartAsync();
        var body = Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery()));
        body["callback_url"] = callback;

        using var response = await verifier.PostRequestAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_after_asking_for_a_day_is_capped_so_the_event_still_arrives()
    {
        await using var receiver = await GaiaX.Oid4vc.Testing.WebhookReceiver.StartAsync(failures: 1, retryAfterSeconds: 86400);
        await using var verifier = await VerifierHost.StartAsync(false, "--Webhooks:AllowLoopback=true", "--Webhooks:MaxRetryDelay=00:00:00.5");

        await VerifiedRequestAsync(verifier, receiver.Url);

        Assert.True(await GaiaX.Oid4vc.Testing.Poll.UntilAsync(() => receiver.Calls.Count >= 2), "the retry came within the cap, not a day later");
    }

    [Fact]
    public async Task Receiver_whose_answer_body_never_ends_gets_the_event_once_and_is_not_read()
    {
        await using var receiver = await GaiaX.Oid4vc.Testing.WebhookReceiver.StartAsync(endlessBody: true);
        await using var verifier = await VerifierHost.StartAsync(
            false,
            "--Webhooks:AllowLoopback=true",
            "--Webhooks:InitialRetryDelay=00:00:00.1",
            "--Webhooks:AttemptTimeout=00:00:01"
        );

        await VerifiedRequestAsync(verifier, receiver.Url);

        Assert.True(await GaiaX.Oid4vc.Testing.Poll.UntilAsync(() => !receiver.Calls.IsEmpty), "the webhook arrived");
        // Read to the end, the body would time the attempt out (1 s) and count as a failure to retry.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(receiver.Calls);
    }

    [Fact]
    public async Task Callback_with_user_information_in_its_url_is_refused_at_creation()
    {
        await using var verifier = await VerifierHost.StartAsync();
        var body = Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery()));
        body["callback_url"] = "https://user:secret@rp.example/hook";

        using var response = await verifier.PostRequestAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(
            "callback_url: must be an absolute https URL without a fragment or user information",
            await response.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Callback_to_a_private_network_the_operator_allowed_is_accepted()
    {
        await using var verifier = await VerifierHost.StartAsync(false, "--Webhooks:AllowedNetworks:0=10.0.0.0/8");
        var body = Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery()));
        body["callback_url"] = "https://10.1.2.3/hook";

        using var response = await verifier.PostRequestAsync(body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Compliance_assessment_and_label_offer_after_the_verdict_are_delivered_too()
    {
        await using var receiver = await GaiaX.Oid4vc.Testing.WebhookReceiver.StartAsync();
        await using var verifier = await VerifierHost.StartAsync(false, "--Webhooks:AllowLoopback=true");
        var body = Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery()), compliance: true);
        body["callback_url"] = receiver.Url.AbsoluteUri;
        var requestId = await verifier.PresentLegalPersonAsync(body);

        await verifier.Dapr.PublishAsync(new GaiaX.Oid4vc.Dapr.Events.ComplianceAssessed(requestId, true, "eyJ.label.credential", []), "compliance");
        Assert.True(await GaiaX.Oid4vc.Testing.Poll.UntilAsync(() => receiver.Calls.Count >= 2), "the compliance outcome was delivered");
        await verifier.Dapr.PublishAsync(new GaiaX.Oid4vc.Dapr.Events.OfferCreated(requestId, "offer-1", "openid-credential-offer://?x=1"), "issuer");
        Assert.True(await GaiaX.Oid4vc.Testing.Poll.UntilAsync(() => receiver.Calls.Count >= 3), "the label offer was delivered");

        var data = receiver.Calls.Select(c => JsonNode.Parse(c.Body)!["data"]!).ToList();
        Assert.Equal(["verified", "verified", "verified"], data.Select(d => (string?)d["status"]));
        // Deliveries run concurrently, so they may arrive in any order: each status change is there once.
        Assert.Single(data, d => d["compliance"] is null);
        Assert.Single(data, d => d["compliance"] is JsonObject c && (bool)c["compliant"]! && d["offer"] is null);
        Assert.Single(data, d => (string?)d["offer"]?["offer_id"] == "offer-1");
    }
}
