using GaiaX.Oid4vc.Credentials.RegistrationNumbers;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Notary.Registries;

/// <summary>The EU EOS EORI validation service over SOAP (<c>validateEORI</c>; status 0 = valid, 1 = not valid).</summary>
public sealed class EoriClient(HttpClient http, IOptions<EoriOptions> options, TimeProvider time)
{
    public const string Registry = "EU EORI validation service";
    public const string Namespace = "http://eori.ws.eos.dds.s/";

    public async Task<RegistryCheckResult> ValidateAsync(RegistrationNumber number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, (Uri?)null)
        {
            Content = Soap.Request(Namespace, "validateEORI", ("eori", number.Value)),
        };
        request.Headers.Add("SOAPAction", "\"\"");

        var (response, failure) = await RegistryHttp.SendAsync(http, request, Registry, settings, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }
        using (response)
        {
            var text = await response!.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var message = Soap.Parse(text);
            if (message?.Fault is { } fault)
            {
                // The EOS service documents no client-side fault codes: a fault is the service failing.
                return new RegistryCheckResult.Unavailable(
                    $"The {Registry} answered with a fault ({Truncate(fault.Text)}).",
                    RegistryHttp.RetryAfter(response, settings, time)
                );
            }
            if (!response.IsSuccessStatusCode)
            {
                return RegistryHttp.UnexpectedStatus(response, Registry, settings, time);
            }
            if (
                message?.Body is not { } body
                || body.Name.LocalName != "validateEORIResponse"
                || body.ChildElement("return") is not { } returned
            )
            {
                return new RegistryCheckResult.BadGateway($"The {Registry} answered with something that is not a validateEORI response.");
            }

            var result = returned
                .Elements()
                .Where(e => e.Name.LocalName == "result")
                .FirstOrDefault(e => string.Equals(e.Child("eori"), number.Value, StringComparison.OrdinalIgnoreCase));
            if (result is null)
            {
                return new RegistryCheckResult.BadGateway($"The {Registry} answered without a result for {number.Value}.");
            }
            return result.Child("status") switch
            {
                "0" => new RegistryCheckResult.Registered(
                    new RegistryEvidence(new Uri(settings.Endpoint!), time.GetUtcNow()),
                    LegalName: string.IsNullOrWhiteSpace(result.Child("name")) ? null : result.Child("name"),
                    CountryCode: number.CountryCode
                ),
                "1" => new RegistryCheckResult.NotRegistered(
                    $"The {Registry} reports {number.Value} as not valid ({Truncate(result.Child("statusDescr") ?? "no description")})."
                ),
                var other => new RegistryCheckResult.BadGateway(
                    $"The {Registry} answered with the unknown status '{Truncate(other ?? string.Empty)}'."
                ),
            };
        }
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
