using System.Globalization;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace GaiaX.Oid4vc.RegistrySandbox;

/// <summary>
/// One WireMock.Net server on loopback playing EU VIES, the EU EORI validation service, GLEIF and a
/// business register for EUIDs, answering for <see cref="DemoCompanies"/>, so the stack runs offline.
/// </summary>
public sealed class RegistrySandboxServer : IDisposable
{
    private RegistrySandboxServer(WireMockServer server) => Server = server;

    public WireMockServer Server { get; }

    public Uri BaseUrl => new(Server.Url!);

    public string ViesEndpoint => Server.Url + RegistryWireFormats.ViesPath;

    public string EoriEndpoint => Server.Url + RegistryWireFormats.EoriPath;

    public string GleifBaseUrl => Server.Url + RegistryWireFormats.GleifBasePath;

    /// <summary>The EUID business register template (the Notary's <c>Registries:Euid:Endpoint</c>).</summary>
    public string EuidEndpointTemplate => Server.Url + "/bris/companies/{value}";

    /// <summary>Command-line settings that point a Notary at this sandbox.</summary>
    public IReadOnlyList<string> NotaryArguments =>
        [
            $"--Notary:Registries:Vies:Endpoint={ViesEndpoint}",
            $"--Notary:Registries:Eori:Endpoint={EoriEndpoint}",
            $"--Notary:Registries:Gleif:Endpoint={GleifBaseUrl}",
            $"--Notary:Registries:Euid:Endpoint={EuidEndpointTemplate}",
        ];

    /// <summary>Starts the sandbox on <paramref name="port"/> (0 = a free port) on 127.0.0.1.</summary>
    public static RegistrySandboxServer Start(int port = 0)
    {
        var server = WireMockServer.Start(
            new WireMockServerSettings
            {
                Urls = [$"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"],
                StartAdminInterface = false,
            }
        );
        var sandbox = new RegistrySandboxServer(server);
        sandbox.MapDemoCompanies();
        return sandbox;
    }

    private void MapDemoCompanies()
    {
        // Unknown numbers: the registries' own "no" (lowest priority, so the demo mappings win).
        Server
            .Given(Request.Create().WithPath(RegistryWireFormats.ViesPath).UsingPost())
            .AtPriority(100)
            .RespondWith(
                Response
                    .Create()
                    .WithCallback(request =>
                    {
                        var (country, number) = RegistryWireFormats.ReadCheckVatRequest(request.Body);
                        return Soap(200, RegistryWireFormats.ViesCheckVatResponse(country ?? "", number ?? "", valid: false));
                    })
            );
        Server
            .Given(Request.Create().WithPath(RegistryWireFormats.EoriPath).UsingPost())
            .AtPriority(100)
            .RespondWith(
                Response
                    .Create()
                    .WithCallback(request =>
                        Soap(
                            200,
                            RegistryWireFormats.EoriResponse(RegistryWireFormats.ReadValidateEoriRequest(request.Body) ?? "", valid: false)
                        )
                    )
            );
        Server
            .Given(Request.Create().WithPath(RegistryWireFormats.GleifBasePath + "/lei-records/*").UsingGet())
            .AtPriority(100)
            .RespondWith(
                Response
                    .Create()
                    .WithStatusCode(404)
                    .WithHeader("Content-Type", RegistryWireFormats.JsonApiContentType)
                    .WithBody(RegistryWireFormats.GleifNotFound())
            );
        Server
            .Given(Request.Create().WithPath("/bris/companies/*").UsingGet())
            .AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(404));

        Server
            .Given(
                Request
                    .Create()
                    .WithPath(RegistryWireFormats.ViesPath)
                    .UsingPost()
                    .WithBody(
                        (string? body) =>
                            RegistryWireFormats.ReadCheckVatRequest(body) is var (c, n) && c + n == DemoCompanies.VatIdWithMemberStateDown
                    )
            )
            .AtPriority(1)
            .RespondWith(
                Response
                    .Create()
                    .WithStatusCode(500)
                    .WithHeader("Content-Type", RegistryWireFormats.SoapContentType)
                    .WithBody(RegistryWireFormats.SoapFault("MS_UNAVAILABLE"))
            );

        foreach (var company in DemoCompanies.All)
        {
            if (company.VatId is { } vat)
            {
                var (prefix, national) = (vat[..2], vat[2..]);
                Server
                    .Given(
                        Request
                            .Create()
                            .WithPath(RegistryWireFormats.ViesPath)
                            .UsingPost()
                            .WithBody(
                                (string? body) =>
                                    RegistryWireFormats.ReadCheckVatRequest(body) is var (c, n) && c == prefix && n == national
                            )
                    )
                    .AtPriority(1)
                    .RespondWith(
                        Response
                            .Create()
                            .WithStatusCode(200)
                            .WithHeader("Content-Type", RegistryWireFormats.SoapContentType)
                            .WithBody(
                                RegistryWireFormats.ViesCheckVatResponse(
                                    prefix,
                                    national,
                                    company.VatValid,
                                    company.LegalName,
                                    "1 Demo Street"
                                )
                            )
                    );
            }
            if (company.Eori is { } eori)
            {
                Server
                    .Given(
                        Request
                            .Create()
                            .WithPath(RegistryWireFormats.EoriPath)
                            .UsingPost()
                            .WithBody((string? body) => RegistryWireFormats.ReadValidateEoriRequest(body) == eori)
                    )
                    .AtPriority(1)
                    .RespondWith(
                        Response
                            .Create()
                            .WithStatusCode(200)
                            .WithHeader("Content-Type", RegistryWireFormats.SoapContentType)
                            .WithBody(RegistryWireFormats.EoriResponse(eori, valid: true, company.LegalName, company.CountryCode))
                    );
            }
            if (company.Lei is { } lei)
            {
                Server
                    .Given(Request.Create().WithPath(RegistryWireFormats.GleifBasePath + "/lei-records/" + lei).UsingGet())
                    .AtPriority(1)
                    .RespondWith(
                        Response
                            .Create()
                            .WithStatusCode(200)
                            .WithHeader("Content-Type", RegistryWireFormats.JsonApiContentType)
                            .WithBody(
                                RegistryWireFormats.GleifLeiRecord(
                                    lei,
                                    company.LegalName,
                                    company.CountryCode,
                                    company.Region,
                                    company.LeiRegistrationStatus
                                )
                            )
                    );
            }
            if (company.Euid is { } euid)
            {
                Server
                    .Given(Request.Create().WithPath("/bris/companies/" + euid).UsingGet())
                    .AtPriority(1)
                    .RespondWith(
                        Response
                            .Create()
                            .WithStatusCode(200)
                            .WithHeader("Content-Type", "application/json")
                            .WithBodyAsJson(new { valid = true, name = company.LegalName })
                    );
            }
        }
    }

    private static WireMock.ResponseMessage Soap(int status, string body) =>
        new()
        {
            StatusCode = status,
            Headers = new Dictionary<string, WireMock.Types.WireMockList<string>>
            {
                ["Content-Type"] = new(RegistryWireFormats.SoapContentType),
            },
            BodyData = new WireMock.Util.BodyData { BodyAsString = body, DetectedBodyType = WireMock.Types.BodyType.String },
        };

    public void Dispose() => Server.Stop();
}
