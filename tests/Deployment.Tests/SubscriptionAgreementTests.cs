using System.Text.Json;
using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Dapr.Hosting;

namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>
/// daprd merges a service's programmatic subscriptions (<c>GET /dapr/subscribe</c>) with the
/// declarative Subscription resources: both must describe the same topic, route and dead-letter
/// topic, or the cluster delivers events somewhere the code does not expect. Each service is
/// started in-process and asked for its list.
/// </summary>
public sealed class SubscriptionAgreementTests(RenderedOverlays overlays) : IClassFixture<RenderedOverlays>
{
    [Theory]
    [MemberData(nameof(DeployedService.AppIdData), MemberType = typeof(DeployedService))]
    public async Task Programmatic_subscriptions_equal_the_declarative_subscriptions(string appId)
    {
        var service = DeployedService.Get(appId);
        var declared = overlays.OfKind("prod", "Subscription")
            .Where(s => s.Seq("scopes").Cast<string>().Contains(appId))
            .Select(s => (
                PubSub: s.Str("spec", "pubsubname")!,
                Topic: s.Str("spec", "topic")!,
                Route: s.Str("spec", "routes", "default")!,
                DeadLetter: s.Str("spec", "deadLetterTopic") ?? string.Empty))
            .OrderBy(s => s.Topic, StringComparer.Ordinal)
            .ToList();

        // /dapr/subscribe answers only the sidecar, which presents the app token.
        const string appToken = "subscription-agreement-test";
        await using var host = await Testing.TestServiceHost.StartAsync(service.Create, service.Folder, [$"--{DaprHostingExtensions.AppApiTokenKey}={appToken}"]);
        using var subscribe = new HttpRequestMessage(HttpMethod.Get, new Uri("/dapr/subscribe", UriKind.Relative));
        subscribe.Headers.Add(DaprAppToken.HeaderName, appToken);
        using var answer = await host.Client.SendAsync(subscribe);
        answer.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        var programmatic = document.RootElement.EnumerateArray()
            .Select(s => (
                // daprd reads this document case-insensitively (the .NET SDK writes "pubsubName") and
                // roots a route without a leading slash ("events/x" is "/events/x").
                PubSub: Member(s, "pubsubname")!.Value.GetString()!,
                Topic: Member(s, "topic")!.Value.GetString()!,
                Route: "/" + (Member(s, "route") ?? Member(Member(s, "routes")!.Value, "default"))!.Value.GetString()!.TrimStart('/'),
                DeadLetter: Member(s, "deadLetterTopic")?.GetString() ?? string.Empty))
            .OrderBy(s => s.Topic, StringComparer.Ordinal)
            .ToList();

        Assert.All(programmatic, s => Assert.Equal(Topics.PubSubOf(s.Topic), s.PubSub));
        Assert.Equal(declared, programmatic);
    }

    private static JsonElement? Member(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }
        return null;
    }
}
