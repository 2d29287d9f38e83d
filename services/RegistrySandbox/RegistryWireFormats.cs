using System.Security;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GaiaX.Oid4vc.RegistrySandbox;

/// <summary>
/// The wire shapes of the registries the Notary asks, as the sandbox and the tests play them:
/// VIES <c>checkVat</c> (SOAP 1.1), EU EOS <c>validateEORI</c> (SOAP 1.1) and GLEIF JSON:API.
/// </summary>
public static partial class RegistryWireFormats
{
    public const string ViesPath = "/taxation_customs/vies/services/checkVatService";
    public const string EoriPath = "/taxation_customs/dds2/eos/validation/services/validation";
    public const string GleifBasePath = "/api/v1";
    public const string SoapContentType = "text/xml; charset=utf-8";
    public const string JsonApiContentType = "application/vnd.api+json";

    public static string ViesCheckVatResponse(
        string countryCode,
        string vatNumber,
        bool valid,
        string? name = null,
        string? address = null
    ) =>
        Envelope(
            $"""
            <ns2:checkVatResponse xmlns:ns2="urn:ec.europa.eu:taxud:vies:services:checkVat:types"><ns2:countryCode>{X(
                countryCode
            )}</ns2:countryCode><ns2:vatNumber>{X(
                vatNumber
            )}</ns2:vatNumber><ns2:requestDate>2026-01-01+01:00</ns2:requestDate><ns2:valid>{(
                valid ? "true" : "false"
            )}</ns2:valid><ns2:name>{X(name ?? "---")}</ns2:name><ns2:address>{X(address ?? "---")}</ns2:address></ns2:checkVatResponse>
            """
        );

    /// <summary>A SOAP 1.1 fault whose <c>faultstring</c> is the VIES error code (VIES sends it with HTTP 500).</summary>
    public static string SoapFault(string code) =>
        Envelope($"<env:Fault><faultcode>env:Server</faultcode><faultstring>{X(code)}</faultstring></env:Fault>");

    /// <summary>A validateEORI answer for one number: status 0 = valid, 1 = not valid.</summary>
    public static string EoriResponse(string eori, bool valid, string? name = null, string? country = null) =>
        Envelope(
            $"""
            <ns0:validateEORIResponse xmlns:ns0="http://eori.ws.eos.dds.s/"><return><requestDate>01/01/2026</requestDate><result><eori>{X(
                eori
            )}</eori><status>{(valid ? "0" : "1")}</status><statusDescr>{(valid ? "Valid" : "Not valid")}</statusDescr>{(
                name is null ? "" : $"<name>{X(name)}</name>"
            )}{(country is null ? "" : $"<country>{X(country)}</country>")}</result></return></ns0:validateEORIResponse>
            """
        );

    /// <summary>A GLEIF <c>lei-records</c> document.</summary>
    public static string GleifLeiRecord(
        string lei,
        string legalName,
        string country,
        string? region = null,
        string registrationStatus = "ISSUED",
        string entityStatus = "ACTIVE"
    ) =>
        JsonSerializer.Serialize(
            new
            {
                data = new
                {
                    type = "lei-records",
                    id = lei,
                    attributes = new
                    {
                        lei,
                        entity = new
                        {
                            legalName = new { name = legalName, language = "en" },
                            legalAddress = new { country, region },
                            headquartersAddress = new { country, region },
                            status = entityStatus,
                        },
                        registration = new { status = registrationStatus },
                    },
                },
            }
        );

    public static string GleifNotFound() =>
        """{"errors":[{"status":"404","title":"Not Found","detail":"The requested resource could not be found."}]}""";

    /// <summary>The <c>vatNumber</c> and <c>countryCode</c> of a checkVat request body, whatever the prefixes.</summary>
    public static (string? CountryCode, string? VatNumber) ReadCheckVatRequest(string? body) =>
        (Element(body, "countryCode"), Element(body, "vatNumber"));

    /// <summary>The <c>eori</c> of a validateEORI request body.</summary>
    public static string? ReadValidateEoriRequest(string? body) => Element(body, "eori");

    private static string? Element(string? body, string localName)
    {
        if (body is null)
        {
            return null;
        }
        var match = ElementPattern().Match(body);
        while (match.Success)
        {
            if (match.Groups["name"].Value == localName)
            {
                return match.Groups["value"].Value.Trim();
            }
            match = match.NextMatch();
        }
        return null;
    }

    private static string Envelope(string body) =>
        $"""<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Header/><env:Body>{body}</env:Body></env:Envelope>""";

    private static string X(string value) => SecurityElement.Escape(value);

    [GeneratedRegex("<(?:[A-Za-z0-9_]+:)?(?<name>[A-Za-z]+)>(?<value>[^<]*)</", RegexOptions.CultureInvariant)]
    private static partial Regex ElementPattern();
}
