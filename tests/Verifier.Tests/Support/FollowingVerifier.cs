using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Dapr.Embedded;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.Registry;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Testing;
using GaiaX.Oid4vc.Verifier.Trust;
using Microsoft.Extensions.DependencyInjection;

namespace Verifier.Tests.Support;

/// <summary>
/// A Verifier that follows the Registry's trust list (<c>Verifier:Trust:Registry:Follow</c>), on the same embedded Dapr
/// runtime as a Registry started on demand. Besides the Verifier's own (configured) issuer there is an issuer whose CA,
/// with an issuing intermediate, only the Registry can make trusted (<see cref="RegistryCa"/>, <see cref="RegistryIssuer"/>).
/// </summary>
public sealed class FollowingVerifier : IAsyncDisposable
{
    private FollowingVerifier(VerifierHost verifier, TestPki registryCa, TestIssuer registryIssuer)
    {
        Verifier = verifier;
        RegistryCa = registryCa;
        RegistryIssuer = registryIssuer;
    }

    public VerifierHost Verifier { get; }

    /// <summary>A CA the Verifier's configuration does not trust: root and intermediate.</summary>
    public TestPki RegistryCa { get; }

    /// <summary>An issuer (did:web, its x5c chain through <see cref="RegistryCa"/>'s intermediate).</summary>
    public TestIssuer RegistryIssuer { get; }

    public TestServiceHost? Registry { get; private set; }

    public TrustListFollower Trust => Verifier.Host.Services.GetRequiredService<TrustListFollower>();

    /// <summary>Starts a following Verifier (with <paramref name="extraArgs"/>), on <paramref name="storage"/> when given.</summary>
    public static async Task<FollowingVerifier> StartAsync(IEmbeddedStorage? storage = null, params string[] extraArgs)
    {
        string[] args = ["--Verifier:Trust:Registry:Follow=true", .. extraArgs];
        var verifier = storage is null ? await VerifierHost.StartAsync(false, args) : await VerifierHost.StartOnStorageAsync(storage, args);
        var ca = new TestPki("Registry-Only Root", withIntermediate: true);
        return new FollowingVerifier(verifier, ca, await TestIssuer.StartAsync(ca));
    }

    /// <summary>
    /// Starts the Registry; it publishes its list at once. <paramref name="trustRegistryCa"/> puts the CA in its first list.
    /// </summary>
    public async Task StartRegistryAsync(bool trustRegistryCa, params string[] extraArgs)
    {
        Registry = await Verifier.Dapr.StartServiceAsync(
            AppIds.Registry,
            (a, c) => RegistryProgram.Create(a, c),
            RegistryOptions.SectionName,
            [
                "--Registry:Management:UseDevelopmentTokens=true",
                .. trustRegistryCa ? [$"--Registry:Bootstrap:TrustAnchorCertificates:0={RegistryCa.RootPem}"] : Array.Empty<string>(),
                .. extraArgs,
            ]);
    }

    /// <summary>A change at the Registry's management API; returns the trust list's version after it.</summary>
    public async Task<long> ManageAsync(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        var token = Registry!.Services.GetRequiredService<DevelopmentTokens>().Create(null);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Registry.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return (long)JsonNode.Parse(text)!["version"]!;
    }

    /// <summary>Waits until the Verifier judges with the trust list at <paramref name="version"/> (or a newer one).</summary>
    public async Task WaitForVersionAsync(long version) =>
        Assert.True(
            await Poll.UntilAsync(() => Trust.Current?.Version >= version),
            $"the Verifier did not reach trust list version {version} (it has {Trust.Current?.Version.ToString() ?? "none"})");

    /// <summary>
    /// Delivers <paramref name="changed"/> to the Verifier's route as its sidecar does (CloudEvent, app token); the sidecar's answer.
    /// </summary>
    public Task<string> DeliverAsync(TrustListChanged changed) => DeliverAsync(Verifier, changed);

    /// <summary>Delivers <paramref name="changed"/> to <paramref name="verifier"/> as its sidecar does; the sidecar's answer.</summary>
    public static async Task<string> DeliverAsync(VerifierHost verifier, TrustListChanged changed)
    {
        var sidecar = await verifier.Dapr.SidecarAsync(AppIds.Verifier);
        var cloudEvent = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = Guid.NewGuid().ToString(),
            ["source"] = AppIds.Registry,
            ["type"] = "com.dapr.event.sent",
            ["topic"] = Topics.TrustListChanged,
            ["pubsubname"] = DaprComponents.PubSub,
            ["datacontenttype"] = "application/json",
            ["data"] = JsonSerializer.SerializeToNode(changed, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, TrustListSubscription.Route)
        {
            Content = new StringContent(cloudEvent.ToJsonString(), Encoding.UTF8, "application/cloudevents+json"),
        };
        request.Headers.Add(DaprAppToken.HeaderName, sidecar.AppApiToken);
        using var response = await verifier.Host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return (string)JsonNode.Parse(text)!["status"]!;
    }

    /// <summary>A trust list as the Registry publishes it: <paramref name="anchors"/> (PEM), no issuers, revocations.</summary>
    public static TrustListChanged Snapshot(long version, IEnumerable<string> anchors, IEnumerable<string>? revoked = null) =>
        new(version, [.. anchors], new Dictionary<string, IReadOnlyList<string>>(), [.. revoked ?? []]);

    /// <summary>The trust list the Verifier keeps in its state store.</summary>
    public async Task<TrustListChanged?> StoredAsync() =>
        await (await Verifier.Dapr.StateAsync(AppIds.Verifier)).GetAsync<TrustListChanged>(TrustListFollower.StateKey);

    /// <summary>A request for a LegalPerson credential and a wallet that fetched it, ready to answer.</summary>
    public async Task<Presentation> RequestAsync()
    {
        var wallet = Verifier.NewWallet();
        var created = await Verifier.CreateRequestAsync(Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery())));
        var request = await wallet.FetchAsync((string)created["authorization_request_uri"]!);
        return new Presentation(Verifier, wallet, (string)created["request_id"]!, request);
    }

    public async ValueTask DisposeAsync()
    {
        await Verifier.DisposeAsync();
        await RegistryIssuer.DisposeAsync();
        RegistryCa.Dispose();
    }

    /// <summary>One request and the wallet answering it with a credential of an issuer.</summary>
    public sealed class Presentation(VerifierHost verifier, TestWallet wallet, string requestId, WalletRequest request) : IDisposable
    {
        public string RequestId => requestId;

        /// <summary>Answers with direct_post: a VP-JWT with a LegalPerson VC-JWT of <paramref name="issuer"/>.</summary>
        public Task<HttpResponseMessage> AnswerAsync(TestIssuer issuer) =>
            wallet.PostDirectAsync(
                request,
                new JsonObject
                {
                    ["legal_person"] = new JsonArray(
                        wallet.PresentVcJwt(
                            request,
                            [issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk)])),
                });

        public Task<JsonObject> StatusAsync() => verifier.StatusAsync(requestId);

        public void Dispose() => wallet.Dispose();
    }
}
