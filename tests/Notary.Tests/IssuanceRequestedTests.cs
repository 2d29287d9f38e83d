using System.Text.Json;
using GaiaX.Oid4vc.Dapr.Embedded;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.RegistrySandbox;

namespace GaiaX.Oid4vc.Notary.Tests;

/// <summary>The Notary prepares registration-number credentials requested over pub/sub.</summary>
public sealed class IssuanceRequestedTests
{
    private const string Vat = "DE812345673";

    private static IssuanceRequested VatRequest(string vat = Vat, string? subjectId = NotaryUnderTest.SubjectId, string configuration = "VatID") =>
        new("offer-" + Guid.NewGuid().ToString("N"), configuration, JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["gx:vatID"] = vat }), subjectId, "jwt_vc_json");

    [Fact]
    public async Task Issuance_requested_for_a_registration_number_publishes_the_signed_credential()
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        var observer = await EventObserver.StartAsync(notary.Dapr);
        notary.GivenVies("DE", "812345673", 200, RegistryWireFormats.ViesCheckVatResponse("DE", "812345673", valid: true));
        var request = VatRequest();

        await notary.Dapr.PublishAsync(request);
        await EventObserver.EventuallyAsync(() => !observer.Prepared.IsEmpty);

        var prepared = Assert.Single(observer.Prepared);
        Assert.Equal(request.OfferId, prepared.OfferId);
        Assert.Equal("VatID", prepared.CredentialConfigurationId);
        Assert.Equal("jwt_vc_json", prepared.Format);
        Assert.Equal("notary", prepared.PreparedBy);
        var vc = await notary.VerifiedCredentialAsync(prepared.Credential);
        Assert.Equal("urn:uuid:" + request.Id.ToString("D"), vc["id"]!.GetValue<string>());
        Assert.Equal(NotaryUnderTest.SubjectId, vc["credentialSubject"]!["id"]!.GetValue<string>());
        Assert.Equal(Vat, vc["credentialSubject"]!["gx:vatID"]!.GetValue<string>());
        Assert.Empty(observer.Assessed);
    }

    [Fact]
    public async Task Same_issuance_requested_delivered_twice_prepares_one_credential()
    {
        // The sidecar delivers every event twice with the same id, and the publisher sends it twice too.
        await using var notary = await NotaryUnderTest.StartAsync(daprOptions: new EmbeddedDaprOptions { DuplicateDelivery = true });
        var observer = await EventObserver.StartAsync(notary.Dapr);
        notary.GivenVies("DE", "812345673", 200, RegistryWireFormats.ViesCheckVatResponse("DE", "812345673", valid: true));
        var request = VatRequest();

        await Task.WhenAll(notary.Dapr.PublishAsync(request), notary.Dapr.PublishAsync(request));
        await EventObserver.EventuallyAsync(() => !observer.Prepared.IsEmpty);
        // Every delivery has been answered once a marker event published afterwards is through.
        var marker = VatRequest(configuration: "LegalPerson_jwt_vc_json");
        await notary.Dapr.PublishAsync(marker);
        await Task.Delay(TimeSpan.FromMilliseconds(750));

        // The observer's own deliveries are duplicated too: one credential is one published event id.
        var prepared = Assert.Single(observer.Prepared.DistinctBy(e => e.Id));
        Assert.Equal(request.OfferId, prepared.OfferId);
        Assert.Equal(1, notary.RegistryCalls);
    }

    [Fact]
    public async Task Number_unknown_to_the_registry_publishes_the_rejection_with_its_reason()
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        var observer = await EventObserver.StartAsync(notary.Dapr);
        notary.GivenVies("DE", "812345673", 200, RegistryWireFormats.ViesCheckVatResponse("DE", "812345673", valid: false));
        var request = VatRequest();

        await notary.Dapr.PublishAsync(request);
        await EventObserver.EventuallyAsync(() => !observer.Assessed.IsEmpty);

        var rejected = Assert.Single(observer.Assessed);
        Assert.Equal(request.OfferId, rejected.OfferId);
        Assert.False(rejected.Accepted);
        Assert.Contains("not a valid VAT identification number", Assert.Single(rejected.Reasons), StringComparison.Ordinal);
        Assert.Empty(observer.Prepared);
    }

    [Theory]
    [InlineData("DE812345674", "check digit")]
    [InlineData("", "empty")]
    public async Task Malformed_number_publishes_the_rejection_without_a_registry_call(string vat, string expected)
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        var observer = await EventObserver.StartAsync(notary.Dapr);

        await notary.Dapr.PublishAsync(VatRequest(vat));
        await EventObserver.EventuallyAsync(() => !observer.Assessed.IsEmpty);

        Assert.Contains(expected, Assert.Single(Assert.Single(observer.Assessed).Reasons), StringComparison.Ordinal);
        Assert.Equal(0, notary.RegistryCalls);
    }

    [Fact]
    public async Task Request_without_a_subject_is_rejected_with_its_reason()
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        var observer = await EventObserver.StartAsync(notary.Dapr);

        await notary.Dapr.PublishAsync(VatRequest(subjectId: null));
        await EventObserver.EventuallyAsync(() => !observer.Assessed.IsEmpty);

        Assert.Contains("subjectId", Assert.Single(Assert.Single(observer.Assessed).Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registry_outage_is_not_a_verdict_the_event_is_redelivered_until_the_registry_answers()
    {
        await using var notary = await NotaryUnderTest.StartAsync(["--Notary:Registries:Vies:MaxRetryAttempts=0"]);
        var observer = await EventObserver.StartAsync(notary.Dapr);
        notary.Registries.Given(WireMock.RequestBuilders.Request.Create().WithPath(RegistryWireFormats.ViesPath).UsingPost())
            .InScenario("outage").WillSetStateTo("recovered")
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(500)
                .WithHeader("Content-Type", RegistryWireFormats.SoapContentType).WithBody(RegistryWireFormats.SoapFault("MS_UNAVAILABLE")));
        notary.Registries.Given(WireMock.RequestBuilders.Request.Create().WithPath(RegistryWireFormats.ViesPath).UsingPost())
            .InScenario("outage").WhenStateIs("recovered")
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200)
                .WithHeader("Content-Type", RegistryWireFormats.SoapContentType).WithBody(RegistryWireFormats.ViesCheckVatResponse("DE", "812345673", valid: true)));

        await notary.Dapr.PublishAsync(VatRequest());
        await EventObserver.EventuallyAsync(() => !observer.Prepared.IsEmpty);

        Assert.Empty(observer.Assessed);
        Assert.Equal(2, notary.RegistryCalls);
    }

    [Fact]
    public async Task Issuance_requested_for_another_configuration_is_left_to_its_preparer()
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        var observer = await EventObserver.StartAsync(notary.Dapr);
        notary.GivenVies("DE", "812345673", 200, RegistryWireFormats.ViesCheckVatResponse("DE", "812345673", valid: true));

        await notary.Dapr.PublishAsync(VatRequest(configuration: "LegalPerson_jwt_vc_json"));
        await notary.Dapr.PublishAsync(VatRequest());
        await EventObserver.EventuallyAsync(() => !observer.Prepared.IsEmpty);
        await Task.Delay(TimeSpan.FromMilliseconds(300));

        Assert.Equal("VatID", Assert.Single(observer.Prepared).CredentialConfigurationId);
        Assert.Empty(observer.Assessed);
        Assert.Equal(1, notary.RegistryCalls);
    }
}
