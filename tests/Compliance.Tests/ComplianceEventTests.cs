using GaiaX.Oid4vc.Compliance;
using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Dapr.Embedded;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Compliance.Tests;

/// <summary>
/// The event path: the Compliance service behind its (embedded) Dapr sidecar, with every event
/// delivered twice, and an observer app subscribed to what it publishes.
/// </summary>
[Collection(ComplianceCollection.Name)]
public sealed class ComplianceEventTests(ComplianceFixture fixture) : IAsyncLifetime
{
    private readonly DaprTestEnvironment _dapr = DaprTestEnvironment.InMemory(new EmbeddedDaprOptions { DuplicateDelivery = true });
    private readonly IntegrationEventRecorder _observer = new IntegrationEventRecorder()
        .Subscribe<ComplianceAssessed>("/observed/compliance-assessed")
        .Subscribe<CredentialAssessed>("/observed/credential-assessed");
    private TestServiceHost _compliance = null!;

    public async Task InitializeAsync()
    {
        _compliance = await _dapr.StartServiceAsync(AppIds.Compliance, (a, c) => ComplianceProgram.Create(a, c), ComplianceOptions.SectionName,
            fixture.LocalRegistryArgs().Append("--DidWeb:AllowHttpLoopback=true"),
            builder => builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(fixture.Time)));
        await _observer.StartAsync(_dapr, "observer");
    }

    public async Task DisposeAsync() => await _dapr.DisposeAsync();

    /// <summary>Waits for the first event, then long enough for a duplicate delivery to have produced a second one.</summary>
    private async Task<IReadOnlyList<T>> ObservedAsync<T>() where T : IntegrationEvent
    {
        var queue = _observer.Of<T>();
        await Poll.UntilAsync(() => !queue.IsEmpty);
        Assert.False(queue.IsEmpty, "the event was published");
        await Task.Delay(750);
        return queue.ToArray();
    }

    [Fact]
    public async Task Compliant_presentation_verified_event_publishes_one_compliance_assessed_with_a_label_even_when_delivered_twice()
    {
        var credentials = fixture.Participant.SignedCredentials();
        var verified = new PresentationVerified("request-1", [fixture.Participant.Presentation(credentials)], credentials, fixture.ParticipantIdentity.Did);

        await _dapr.PublishAsync(verified, asAppId: AppIds.Verifier);

        var deliveries = await ObservedAsync<ComplianceAssessed>();
        Assert.Single(deliveries.Select(d => d.Id).Distinct());
        var assessed = deliveries[0];
        Assert.Equal("request-1", assessed.RequestId);
        Assert.True(assessed.Compliant, string.Join("; ", assessed.Failures));
        Assert.Empty(assessed.Failures);

        var (_, payload) = await StandardComplianceTests.VerifyLabelAsync(_compliance, assessed.LabelCredential!);
        var digests = payload.GetProperty("credentialSubject").GetProperty("gx:compliantCredentials").EnumerateArray()
            .Select(c => c.GetProperty("digestSRI").GetString()!).ToHashSet();
        Assert.True(credentials.Select(StandardComplianceTests.Sri).ToHashSet().SetEquals(digests));
    }

    [Fact]
    public async Task Presentations_of_one_response_are_judged_together_so_credentials_split_across_them_comply()
    {
        var credentials = fixture.Participant.SignedCredentials();
        var first = fixture.Participant.Presentation([credentials[0], credentials[2]]);
        var second = fixture.Participant.Presentation([credentials[1]]);

        await _dapr.PublishAsync(new PresentationVerified("request-3", [first, second], credentials), asAppId: AppIds.Verifier);

        var deliveries = await ObservedAsync<ComplianceAssessed>();
        Assert.Single(deliveries.Select(d => d.Id).Distinct());
        Assert.True(deliveries[0].Compliant, string.Join("; ", deliveries[0].Failures));
        var (_, payload) = await StandardComplianceTests.VerifyLabelAsync(_compliance, deliveries[0].LabelCredential!);
        Assert.Equal(3, payload.GetProperty("credentialSubject").GetProperty("gx:compliantCredentials").GetArrayLength());
    }

    [Fact]
    public async Task Non_compliant_presentation_verified_event_gives_the_same_failures_as_the_HTTP_API()
    {
        var issuer = Participant.SignCredential(fixture.Participant.Identity, fixture.Participant.IssuerDeclaration(hash: new string('2', 64)));
        var presentation = fixture.Participant.Presentation([
            Participant.SignCredential(fixture.Participant.Identity, fixture.Participant.LegalPerson()),
            Participant.SignCredential(fixture.Participant.Notary, fixture.Participant.VatId()),
            issuer,
        ], signingKey: fixture.NotaryIdentity.Key);

        using var response = await _compliance.PostPresentationAsync(presentation);
        var overHttp = (await response.ReadFailuresAsync()).Select(f => $"{f.CredentialId} [{f.Filter}] {f.Message}").ToArray();
        await _dapr.PublishAsync(new PresentationVerified("request-2", [presentation], []), asAppId: AppIds.Verifier);

        var deliveries = await ObservedAsync<ComplianceAssessed>();
        Assert.Single(deliveries.Select(d => d.Id).Distinct());
        Assert.False(deliveries[0].Compliant);
        Assert.Null(deliveries[0].LabelCredential);
        Assert.Equal(overHttp, deliveries[0].Failures);
    }

    [Fact]
    public async Task Prepared_registration_number_credential_is_assessed_once_accepted_from_the_notary_and_rejected_when_self_attested()
    {
        var fromNotary = Participant.SignCredential(fixture.Participant.Notary, fixture.Participant.VatId());
        var selfAttestedPayload = fixture.Participant.VatId();
        selfAttestedPayload["issuer"] = fixture.ParticipantIdentity.Did;
        var selfAttested = Participant.SignCredential(fixture.ParticipantIdentity, selfAttestedPayload);

        await _dapr.PublishAsync(new CredentialPrepared("offer-ok", "gx:VatID", fromNotary, "jwt_vc_json", AppIds.Notary), asAppId: AppIds.Notary);
        await _dapr.PublishAsync(new CredentialPrepared("offer-bad", "gx:VatID", selfAttested, "jwt_vc_json", AppIds.Notary), asAppId: AppIds.Notary);

        var credentialAssessed = _observer.Of<CredentialAssessed>();
        await Poll.UntilAsync(() => credentialAssessed.Select(e => e.OfferId).Distinct().Count() >= 2);
        await Task.Delay(750);
        var byOffer = credentialAssessed.GroupBy(e => e.OfferId).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Single(byOffer["offer-ok"].Select(e => e.Id).Distinct());
        Assert.Single(byOffer["offer-bad"].Select(e => e.Id).Distinct());
        Assert.True(byOffer["offer-ok"][0].Accepted, string.Join("; ", byOffer["offer-ok"][0].Reasons));
        Assert.False(byOffer["offer-bad"][0].Accepted);
        Assert.Contains(byOffer["offer-bad"][0].Reasons, r => r.Contains("[RegistrationNumberFromTrustedNotary]", StringComparison.Ordinal));
    }
}
