using System.Collections.Frozen;
using GaiaX.Oid4vc.Credentials.RegistrationNumbers;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Notary.Registries;

/// <summary>
/// EU VIES over SOAP (<c>checkVat</c>). The VIES fault codes are mapped one by one: the input
/// error is the client's, the busy/unavailable family means "ask later", never "invalid".
/// </summary>
public sealed class ViesClient(HttpClient http, IOptions<ViesOptions> options, TimeProvider time)
{
    public const string Registry = "VIES";
    public const string TypesNamespace = "urn:ec.europa.eu:taxud:vies:services:checkVat:types";

    /// <summary>Faults that mean VIES or a member state is busy or down: retried, then 503.</summary>
    public static FrozenSet<string> TransientFaults { get; } =
        new[]
        {
            "SERVICE_UNAVAILABLE",
            "MS_UNAVAILABLE",
            "TIMEOUT",
            "SERVER_BUSY",
            "GLOBAL_MAX_CONCURRENT_REQ",
            "GLOBAL_MAX_CONCURRENT_REQ_TIME",
            "MS_MAX_CONCURRENT_REQ",
            "MS_MAX_CONCURRENT_REQ_TIME",
        }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Faults where VIES refuses to answer for us or for this number: 503, not retried.</summary>
    public static FrozenSet<string> RefusalFaults { get; } = new[] { "IP_BLOCKED", "VAT_BLOCKED" }.ToFrozenSet(StringComparer.Ordinal);

    public const string InvalidInputFault = "INVALID_INPUT";

    public async Task<RegistryCheckResult> CheckVatAsync(RegistrationNumber number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        var settings = options.Value;
        var prefix = number.Value[..2];
        var national = number.Value[2..];
        using var request = new HttpRequestMessage(HttpMethod.Post, (Uri?)null)
        {
            Content = Soap.Request(TypesNamespace, "checkVat", ("countryCode", prefix), ("vatNumber", national)),
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
                return MapFault(fault, response, settings);
            }
            if (!response.IsSuccessStatusCode)
            {
                return RegistryHttp.UnexpectedStatus(response, Registry, settings, time);
            }
            if (message?.Body is not { } body || body.Name.LocalName != "checkVatResponse")
            {
                return new RegistryCheckResult.BadGateway($"{Registry} answered with something that is not a checkVat response.");
            }

            var valid = body.Child("valid");
            if (
                body.Child("countryCode") != prefix
                || body.Child("vatNumber") is not { } answeredNumber
                || !string.Equals(answeredNumber, national, StringComparison.OrdinalIgnoreCase)
            )
            {
                return new RegistryCheckResult.BadGateway($"{Registry} answered about a different VAT number than the one asked.");
            }
            return valid switch
            {
                "true" => new RegistryCheckResult.Registered(
                    new RegistryEvidence(new Uri(settings.Endpoint!), time.GetUtcNow()),
                    LegalName: Meaningful(body.Child("name")),
                    CountryCode: number.CountryCode
                ),
                "false" => new RegistryCheckResult.NotRegistered(
                    $"{Registry} reports {number.Value} as not a valid VAT identification number."
                ),
                _ => new RegistryCheckResult.BadGateway($"{Registry} answered without a valid true/false."),
            };
        }
    }

    private RegistryCheckResult MapFault(SoapFault fault, HttpResponseMessage response, ViesOptions settings)
    {
        var code = fault.Text;
        if (code == InvalidInputFault)
        {
            return new RegistryCheckResult.InvalidInput($"{Registry} rejected the country code or VAT number as invalid input ({code}).");
        }
        if (TransientFaults.Contains(code))
        {
            return new RegistryCheckResult.Unavailable(
                $"{Registry} cannot check the number now ({code}).",
                RegistryHttp.RetryAfter(response, settings, time)
            );
        }
        if (RefusalFaults.Contains(code))
        {
            return new RegistryCheckResult.Unavailable($"{Registry} refuses to answer this request ({code}).", settings.DefaultRetryAfter);
        }
        return new RegistryCheckResult.BadGateway($"{Registry} answered with the unknown fault '{Truncate(code)}'.");
    }

    /// <summary>For the retry and circuit-breaker predicates: is this VIES answer a transient fault?</summary>
    internal static async ValueTask<bool> IsTransientResponse(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (
            RegistryResilience.IsTransientStatus(response.StatusCode)
            && RegistryHttp.IsMediaType(response, "text/xml", "application/soap+xml", "application/xml")
        )
        {
            // A SOAP fault travels as HTTP 500: only the busy/unavailable family is transient.
            await response.Content.LoadIntoBufferAsync(RegistryResilience.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            var message = Soap.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            if (message?.Fault is { } fault)
            {
                return TransientFaults.Contains(fault.Text);
            }
        }
        return RegistryResilience.IsTransientStatus(response.StatusCode);
    }

    // VIES answers "---" when a member state does not disclose the name.
    private static string? Meaningful(string? value) => string.IsNullOrWhiteSpace(value) || value.Trim('-', ' ').Length == 0 ? null : value;

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
