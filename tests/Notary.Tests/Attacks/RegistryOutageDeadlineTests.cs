using System.Text.Json;
using GaiaX.Oid4vc.Dapr.Embedded;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.RegistrySandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace GaiaX.Oid4vc.Notary.Tests.Attacks;

/// <summary>
/// A registry outage longer than the sidecar's delivery attempts must not strand an issuance: the
/// Notary keeps asking (also after the event was dead-lettered) until a deadline, and past it
/// publishes a rejection with the reason, so the Issuer fails the offer instead of leaving it pending.
/// </summary>
public sealed class RegistryOutageDeadlineTests
{
    /// <summary>Few, fast deliveries: the sidecar gives up (dead-letters) within milliseconds.</summary>
    private static readonly EmbeddedDaprOptions FewFastDeliveries = new()
    {
        MaxDeliveryAttempts = 2,
        InitialRetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
    };

    private static IssuanceRequested VatRequest(DateTimeOffset createdAt) =>
        new IssuanceRequested("offer-" + Guid.NewGuid().ToString("N"), "VatID", JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["gx:vatID"] = "DE812345673" }), NotaryUnderTest.SubjectId, "jwt_vc_json")
        {
            CreationDate = createdAt,
        };

    private static void ViesDown(NotaryUnderTest notary) =>
        notary.Registries.Given(Request.Create().WithPath(RegistryWireFormats.ViesPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(500)
                .WithHeader("Content-Type", RegistryWireFormats.SoapContentType).WithBody(RegistryWireFormats.SoapFault("MS_UNAVAILABLE")));

    [Fact]
    public async Task Registry_outage_past_the_deadline_ends_in_a_rejection_with_the_reason()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var notary = await NotaryUnderTest.StartAsync(
            ["--Notary:Registries:Vies:MaxRetryAttempts=0", "--Notary:RegistryOutageDeadlineSeconds=600"],
            builder => builder.Services.AddSingleton<TimeProvider>(clock),
            FewFastDeliveries);
        var observer = await EventObserver.StartAsync(notary.Dapr);
        ViesDown(notary);
        var request = VatRequest(clock.GetUtcNow());

        await notary.Dapr.PublishAsync(request);
        // Before the deadline the outage is waited out, past the sidecar's two delivery attempts.
        await EventObserver.EventuallyAsync(() => notary.RegistryCalls > FewFastDeliveries.MaxDeliveryAttempts + 1);
        Assert.Empty(observer.Assessed);

        clock.Advance(TimeSpan.FromSeconds(601));
        await EventObserver.EventuallyAsync(() => !observer.Assessed.IsEmpty);

        var rejected = observer.Assessed.First();
        Assert.Equal(request.OfferId, rejected.OfferId);
        Assert.False(rejected.Accepted);
        var reason = Assert.Single(rejected.Reasons);
        Assert.StartsWith("notary: the registry did not answer within 10 minutes", reason, StringComparison.Ordinal);
        Assert.Empty(observer.Prepared);
    }

    [Fact]
    public async Task Registry_recovering_after_the_event_was_dead_lettered_still_yields_the_credential()
    {
        await using var notary = await NotaryUnderTest.StartAsync(["--Notary:Registries:Vies:MaxRetryAttempts=0"], daprOptions: FewFastDeliveries);
        var observer = await EventObserver.StartAsync(notary.Dapr);
        ViesDown(notary);
        var request = VatRequest(DateTimeOffset.UtcNow);

        await notary.Dapr.PublishAsync(request);
        // The sidecar gave up after its two attempts; the Notary is asked again nevertheless.
        await EventObserver.EventuallyAsync(() => notary.RegistryCalls > FewFastDeliveries.MaxDeliveryAttempts);
        notary.Registries.Reset();
        notary.GivenVies("DE", "812345673", 200, RegistryWireFormats.ViesCheckVatResponse("DE", "812345673", valid: true));
        await EventObserver.EventuallyAsync(() => !observer.Prepared.IsEmpty);

        var prepared = observer.Prepared.First();
        Assert.Equal(request.OfferId, prepared.OfferId);
        var vc = await notary.VerifiedCredentialAsync(prepared.Credential);
        Assert.Equal("urn:uuid:" + request.Id.ToString("D"), vc["id"]!.GetValue<string>());
        Assert.Empty(observer.Assessed);
    }
}
