using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace GaiaX.Oid4vc.RegistrySandbox;

/// <summary>
/// One WireMock.Net server on loopback playing a Gaia-X registry (the Lab registry's API) for Compliance:
/// trust-anchor checks of PEM chains against one CA, the registration notaries, the terms and conditions and
/// the shapes. What the production rehearsal points <c>Compliance:Registry:BaseUrl</c> at.
/// </summary>
public sealed class GaiaXRegistrySandbox : IDisposable
{
    private readonly X509Certificate2 _anchor;

    private GaiaXRegistrySandbox(WireMockServer server, X509Certificate2 anchor)
    {
        Server = server;
        _anchor = anchor;
    }

    public WireMockServer Server { get; }

    public Uri BaseUrl => new(Server.Url!);

    /// <summary>
    /// Starts the registry on a free loopback port. Chains that end at <paramref name="trustAnchor"/> are
    /// trusted (<c>{"result":true}</c>); any other chain gets 409 with the reason, as the Lab registry answers.
    /// </summary>
    public static GaiaXRegistrySandbox Start(
        X509Certificate2 trustAnchor,
        IEnumerable<string> registrationNotaries,
        IEnumerable<string> termsAndConditionsHashes,
        string shapesTurtle
    )
    {
        ArgumentNullException.ThrowIfNull(trustAnchor);
        ArgumentNullException.ThrowIfNull(registrationNotaries);
        ArgumentNullException.ThrowIfNull(termsAndConditionsHashes);
        var server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], StartAdminInterface = false });
        var sandbox = new GaiaXRegistrySandbox(server, X509CertificateLoader.LoadCertificate(trustAnchor.RawData));
        server
            .Given(Request.Create().WithPath("/api/trustAnchor/chain").UsingPost())
            .RespondWith(Response.Create().WithCallback(request => sandbox.CheckChain(request.Body)));
        server
            .Given(Request.Create().WithPath("/api/trustAnchor/chain/file").UsingPost())
            .RespondWith(Json(409, new JsonObject { ["message"] = "This registry sandbox checks PEM chains only." }));
        server
            .Given(Request.Create().WithPath("/api/trusted-issuers/registration-notary").UsingGet())
            .RespondWith(Json(200, new JsonArray([.. registrationNotaries.Select(n => (JsonNode)n)])));
        server
            .Given(Request.Create().WithPath("/api/termsAndConditions").UsingGet())
            .RespondWith(
                Json(
                    200,
                    new JsonArray([
                        .. termsAndConditionsHashes.Select(h => (JsonNode)new JsonObject { ["version"] = "25.11", ["hash"] = h }),
                    ])
                )
            );
        server
            .Given(Request.Create().WithPath("/api/trusted-shape-registry/v1/shapes/trustframework").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/turtle").WithBody(shapesTurtle));
        return sandbox;
    }

    private WireMock.ResponseMessage CheckChain(string? body)
    {
        string? pem = null;
        try
        {
            pem = JsonNode.Parse(body ?? "")?["certs"]?.GetValue<string>();
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException) { }
        if (string.IsNullOrWhiteSpace(pem))
        {
            return Message(400, "The body has no PEM chain in 'certs'.");
        }
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return Message(400, "The chain is not PEM.");
        }
        if (certificates.Count == 0)
        {
            return Message(400, "The chain holds no certificate.");
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_anchor);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ExtraStore.AddRange(certificates);
        var trusted = chain.Build(certificates[0]);
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
        return trusted ? Message(200, null) : Message(409, "The certificate chain does not end at a trust anchor of this registry.");
    }

    private static WireMock.ResponseMessage Message(int status, string? reason)
    {
        var body = reason is null ? new JsonObject { ["result"] = true } : new JsonObject { ["message"] = reason };
        return new WireMock.ResponseMessage
        {
            StatusCode = status,
            Headers = new Dictionary<string, WireMock.Types.WireMockList<string>>
            {
                ["Content-Type"] = new WireMock.Types.WireMockList<string>("application/json"),
            },
            BodyData = new WireMock.Util.BodyData { BodyAsString = body.ToJsonString(), DetectedBodyType = WireMock.Types.BodyType.String },
        };
    }

    private static IResponseBuilder Json(int status, JsonNode body) =>
        Response
            .Create()
            .WithStatusCode(status.ToString(CultureInfo.InvariantCulture))
            .WithHeader("Content-Type", "application/json")
            .WithBody(body.ToJsonString());

    public void Dispose()
    {
        Server.Stop();
        _anchor.Dispose();
    }
}
