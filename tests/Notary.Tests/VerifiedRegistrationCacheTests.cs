using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Dapr.Embedded;
using GaiaX.Oid4vc.Credentials.RegistrationNumbers;
using GaiaX.Oid4vc.Notary.Verification;
using GaiaX.Oid4vc.RegistrySandbox;
using Microsoft.Extensions.Time.Testing;

namespace GaiaX.Oid4vc.Notary.Tests;

/// <summary>Registry confirmations are kept in the Dapr state store, so a repeated request does not call the registry.</summary>
public sealed class VerifiedRegistrationCacheTests
{
    private const string Lei = "984500DEMOCLOUD00089";

    [Fact]
    public async Task Repeated_request_is_answered_from_the_state_store_without_a_registry_call()
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        notary.GivenGleif(Lei, 200, RegistryWireFormats.GleifLeiRecord(Lei, "Example Cloud GmbH", "DE"));

        var first = NotaryUnderTest.Payload(await (await notary.GetCredentialAsync("lei-code", Lei)).Content.ReadAsStringAsync());
        var second = await notary.GetCredentialAsync("lei-code", Lei, subjectId: "did:web:other.example");

        Assert.Equal(200, (int)second.StatusCode);
        var vc = NotaryUnderTest.Payload(await second.Content.ReadAsStringAsync());
        Assert.Equal("did:web:other.example", vc["credentialSubject"]!["id"]!.GetValue<string>());
        // The evidence is the registry check that was actually made, with its original date.
        Assert.Equal(first["evidence"]![0]!.ToJsonString(), vc["evidence"]![0]!.ToJsonString());
        Assert.Equal(1, notary.RegistryCalls);
    }

    [Fact]
    public async Task Confirmation_is_stored_with_the_configured_time_to_live()
    {
        // The sidecar's clock, so the expiry does not depend on how fast this machine answers.
        var sidecarTime = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var notary = await NotaryUnderTest.StartAsync(["--Notary:VerifiedResultTimeToLive=00:00:01"], daprOptions: new EmbeddedDaprOptions { Time = sidecarTime });
        notary.GivenGleif(Lei, 200, RegistryWireFormats.GleifLeiRecord(Lei, "Example Cloud GmbH", "DE"));
        Assert.Equal(200, (int)(await notary.GetCredentialAsync("lei-code", Lei)).StatusCode);
        var callsBefore = notary.RegistryCalls;
        var state = await notary.Dapr.StateAsync(AppIds.Notary);
        var key = DaprVerifiedRegistrationCache.Key(new RegistrationNumber(RegistrationNumberType.LeiCode, Lei, null));
        Assert.NotNull(await state.GetAsync<DaprVerifiedRegistrationCache.CachedRegistration>(key));

        sidecarTime.Advance(TimeSpan.FromSeconds(2)); // past the 1 s TTL

        Assert.Null(await state.GetAsync<DaprVerifiedRegistrationCache.CachedRegistration>(key));
        Assert.Equal(200, (int)(await notary.GetCredentialAsync("lei-code", Lei)).StatusCode);
        Assert.True(notary.RegistryCalls > callsBefore, "Once the confirmation expired, the registry is asked again.");
    }

    [Theory]
    [InlineData(404)]
    [InlineData(503)]
    public async Task Unknown_or_unavailable_answers_are_not_cached(int registryStatus)
    {
        await using var notary = await NotaryUnderTest.StartAsync(["--Notary:Registries:Gleif:MaxRetryAttempts=0"]);
        notary.GivenGleif(Lei, registryStatus, RegistryWireFormats.GleifNotFound());

        await notary.GetCredentialAsync("lei-code", Lei);
        await notary.GetCredentialAsync("lei-code", Lei);

        Assert.Equal(2, notary.RegistryCalls);
    }
}
