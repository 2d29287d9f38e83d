using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Compliance.Tests;

/// <summary>
/// Remote did:web hosts played by WireMock.Net on loopback: each identity's DID document is served
/// at the path form <c>/{name}/did.json</c> of <c>did:web:127.0.0.1%3A{port}:{name}</c>.
/// </summary>
public sealed class DidWebHost : IDisposable
{
    private readonly List<TestIdentity> _identities = [];

    public DidWebHost()
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
    }

    public WireMockServer Server { get; }

    public Uri BaseUrl => new(Server.Url!);

    public string DidFor(string name) => $"did:web:127.0.0.1%3A{BaseUrl.Port}:{name}";

    /// <summary>Creates an identity whose certificate <paramref name="ca"/> issues, and publishes its DID document.</summary>
    /// <param name="publishedJwk">A key to publish as the JWK instead of the certificate's (a broken document).</param>
    public TestIdentity CreateIdentity(string name, TestPki ca, bool publishChainAtX5u = false, ECDsa? publishedJwk = null)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var identity = new TestIdentity(DidFor(name), key, ca.IssueChain(key, name));
        _identities.Add(identity);
        if (publishChainAtX5u)
        {
            var x5u = new Uri(BaseUrl, $"/{name}/chain.pem");
            Serve($"/{name}/chain.pem", identity.ChainPem(), "application/x-pem-file");
            Publish(name, identity.DidDocument(x5u: x5u));
        }
        else
        {
            Publish(name, identity.DidDocument(publishedJwk));
        }
        return identity;
    }

    public void Publish(string name, JsonObject document) => Serve($"/{name}/did.json", document.ToJsonString(), "application/did+json");

    public void Serve(string path, string body, string contentType) =>
        Server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", contentType).WithBody(body));

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
        foreach (var identity in _identities)
        {
            identity.Dispose();
        }
    }
}
