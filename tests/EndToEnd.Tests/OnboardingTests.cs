using System.Diagnostics;
using GaiaX.Oid4vc.DevHost.Onboarding;
using GaiaX.Oid4vc.Testing;
using GaiaX.Oid4vc.Wallet.Presentation;
using Xunit.Abstractions;

namespace EndToEnd.Tests;

/// <summary>
/// Gaia-X participant onboarding through all four services, the embedded sidecars and the reference
/// wallet. One collection: each test runs a whole DevHost stack, and two cores run them best one at a time.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class OnboardingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Onboarding_with_the_in_memory_back_end_ends_with_a_label_credential_in_the_wallet()
    {
        await using var world = await OnboardingHarness.StartAsync();

        var result = await world.RunAsync(OnboardingHarness.DemoCompany("direct_post.jwt"));

        AssertOnboarded(world, result);
    }

    [Fact]
    public async Task Onboarding_with_the_Redis_back_end_ends_with_a_label_credential_in_the_wallet()
    {
        await using var redis = await RedisTestServer.StartAsync();
        await using var world = await OnboardingHarness.StartAsync(redis.ConnectionString);

        var result = await world.RunAsync(OnboardingHarness.DemoCompany("direct_post"));

        AssertOnboarded(world, result);
    }

    [Fact]
    public async Task One_trace_id_spans_the_onboarding_across_the_four_services()
    {
        using var traces = new TraceCapture();
        await using var world = await OnboardingHarness.StartAsync();
        ActivityTraceId traceId;
        OnboardingResult result;
        using (var root = traces.Source.StartActivity("participant onboarding"))
        {
            traceId = root!.TraceId;
            result = await world.RunAsync(OnboardingHarness.DemoCompany());
        }
        AssertOnboarded(world, result);

        var spans = traces.Trace(traceId);
        var servedBy = spans.Select(TraceCapture.ServerPort).OfType<int>().ToHashSet();
        foreach (var service in world.Stack.Services)
        {
            Assert.True(servedBy.Contains(service.BaseUrl.Port), $"the {service.Name} has no server span in the onboarding trace; ports seen: {string.Join(", ", servedBy)}");
        }
        // The presentation flow in particular: the wallet's response, the verifier's event, compliance, the issuer's label offer.
        var paths = spans.Select(TraceCapture.Path).OfType<string>().ToList();
        Assert.Contains(paths, p => p.StartsWith("/response/", StringComparison.Ordinal));
        Assert.Contains("/events/presentation-verified", paths);
        Assert.Contains("/events/compliance-assessed", paths);
        Assert.Contains("/events/offer-created", paths);
    }

    [Fact]
    public async Task With_duplicate_event_delivery_nothing_is_issued_twice_and_the_onboarding_completes()
    {
        using var traces = new TraceCapture();
        var once = await OnboardAndCountPublishesAsync(traces, duplicateDelivery: false);
        var twice = await OnboardAndCountPublishesAsync(traces, duplicateDelivery: true);

        output.WriteLine($"events published: {once.Publishes} with single delivery, {twice.Publishes} with duplicate delivery");
        output.WriteLine(string.Join(Environment.NewLine, twice.Deliveries.Select(d => $"{d.Key}: {d.Value}")));
        // Every subscriber saw every event at least twice, yet every handler acted once: a handler that
        // acted twice would have published its own event (or issued its credential) twice.
        Assert.All(twice.Deliveries, d => Assert.True(d.Value >= 2, $"{d.Key} was delivered {d.Value} time(s)"));
        Assert.Equal(once.Publishes, twice.Publishes);
        Assert.Equal(1, twice.World.Wallet.Credentials.Count(c => c.Types.Contains("https://w3id.org/gaia-x/development#VatID")));
        Assert.Equal(1, twice.World.Wallet.Credentials.Count(c => c.Types.Contains("https://w3id.org/gaia-x/development#LabelCredential")));
    }

    private static async Task<(int Publishes, Dictionary<string, int> Deliveries, OnboardingHarness World)> OnboardAndCountPublishesAsync(TraceCapture traces, bool duplicateDelivery)
    {
        var world = await OnboardingHarness.StartAsync(duplicateDelivery: duplicateDelivery);
        await using (world)
        {
            ActivityTraceId traceId;
            OnboardingResult result;
            using (var root = traces.Source.StartActivity("participant onboarding"))
            {
                traceId = root!.TraceId;
                result = await world.RunAsync(OnboardingHarness.DemoCompany());
            }
            AssertOnboarded(world, result);
            // Let late redeliveries of the last event finish before counting.
            await Task.Delay(TimeSpan.FromSeconds(1));
            var spans = traces.Trace(traceId);
            var publishes = spans.Count(s => s.Kind == ActivityKind.Server && TraceCapture.Path(s)?.EndsWith("/PublishEvent", StringComparison.Ordinal) == true);
            var deliveries = spans
                .Where(s => TraceCapture.ServerPort(s) is { } port && world.Stack.Services.Any(x => x.BaseUrl.Port == port) && TraceCapture.Path(s)?.StartsWith("/events/", StringComparison.Ordinal) == true)
                .GroupBy(s => $"{world.Stack.Services.Single(x => x.BaseUrl.Port == TraceCapture.ServerPort(s)).Name} {TraceCapture.Path(s)}")
                .ToDictionary(g => g.Key, g => g.Count());
            Assert.NotEqual(0, publishes);
            return (publishes, deliveries, world);
        }
    }

    [Fact]
    public async Task With_Redis_a_restart_of_the_host_during_deferred_issuance_still_delivers_the_credential()
    {
        await using var redis = await RedisTestServer.StartAsync();
        await using var world = await OnboardingHarness.StartAsync(redis.ConnectionString);
        var offer = await world.BackOffice().CreateRegistrationNumberOfferAsync(OnboardingHarness.DemoCompany(), world.Participant.Did + "#vat-id");
        var client = world.Wallet.Issuance;
        var parsed = await client.ResolveOfferAsync(offer.Uri);
        var context = await client.DiscoverAsync(parsed.CredentialIssuer);
        var token = await client.RedeemPreAuthorizedCodeAsync(context, parsed.PreAuthorizedCode!, offer.TxCode);
        var pending = await client.RequestCredentialAsync(context, token, "VatID");
        Assert.True(pending.IsDeferred, "the registration number was issued at once; this test needs it deferred");

        await world.RestartStackAsync();
        var issued = await client.PollDeferredAsync(context, token, pending);

        var credential = HeldCredential.FromVcJwt(Assert.Single(issued.Credentials));
        Assert.Contains("https://w3id.org/gaia-x/development#VatID", credential.Types);
        Assert.Equal(world.Participant.Did + "#vat-id", credential.Claims.GetProperty("credentialSubject").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Presentation_with_a_registration_number_from_an_untrusted_notary_is_rejected_with_reasons_and_no_label()
    {
        await using var world = await OnboardingHarness.StartAsync();
        await using var rogue = await RogueNotary.StartAsync();
        var input = OnboardingHarness.DemoCompany() with
        {
            ReplaceRegistrationNumberWith = [rogue.VatIdCredential(world.Participant.Did + "#vat-id", OnboardingHarness.DemoCompany().VatId)],
        };

        var result = await world.RunAsync(input);

        Assert.Null(result.LabelCredential);
        var status = result.PresentationStatus!;
        output.WriteLine(status.ToJsonString());
        Assert.False(status["compliance"]!["compliant"]!.GetValue<bool>());
        var reasons = status["compliance"]!["reasons"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.Contains(reasons, r => r.Contains("[RegistrationNumberFromTrustedNotary]", StringComparison.Ordinal) && r.Contains(rogue.Did, StringComparison.Ordinal));
        Assert.Null(status["offer"]);
    }

    internal static void AssertOnboarded(OnboardingHarness world, OnboardingResult result)
    {
        var progress = string.Join(Environment.NewLine, world.Progress);
        Assert.True(result.LabelCredential is not null, "no label credential; the onboarding said:" + Environment.NewLine + progress + Environment.NewLine + result.PresentationStatus?.ToJsonString());
        var registration = HeldCredential.FromVcJwt(result.RegistrationNumberCredential!);
        Assert.Contains("https://w3id.org/gaia-x/development#VatID", registration.Types);
        Assert.Equal(GaiaX.Oid4vc.Credentials.DidWeb.DidWebUrl.FromBaseUrl(world.Stack["notary"].BaseUrl), registration.Issuer);
        var label = HeldCredential.FromVcJwt(result.LabelCredential);
        Assert.Contains("https://w3id.org/gaia-x/development#LabelCredential", label.Types);
        Assert.Equal(GaiaX.Oid4vc.Credentials.DidWeb.DidWebUrl.FromBaseUrl(world.Stack["compliance"].BaseUrl), label.Issuer);
        Assert.True(result.PresentationStatus!["compliance"]!["compliant"]!.GetValue<bool>());
    }
}
