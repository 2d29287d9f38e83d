using System.Text.Json;
using GaiaX.Oid4vc.Credentials.RegistrationNumbers;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Notary.Registries;

/// <summary>
/// The operator-configured registries for tax IDs, EUIDs and local numbers (one named HttpClient and
/// pipeline each). Without an endpoint a type is checked for syntax only, and the evidence says so.
/// </summary>
public sealed class ConfiguredRegistryClient(
    IHttpClientFactory clients,
    IOptions<TaxIdRegistryOptions> taxId,
    IOptions<EuidRegistryOptions> euid,
    IOptions<LocalRegistryOptions> local,
    IOptions<NotaryOptions> notary,
    TimeProvider time
)
{
    /// <summary>The named HttpClient of a configurable type (e.g. <c>registry-tax-id</c>).</summary>
    public static string ClientName(RegistrationNumberType type) => "registry-" + type.Slug();

    public ConfigurableRegistryOptions OptionsFor(RegistrationNumberType type) =>
        type switch
        {
            RegistrationNumberType.TaxId => taxId.Value,
            RegistrationNumberType.Euid => euid.Value,
            RegistrationNumberType.Local => local.Value,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a configurable registry type."),
        };

    /// <summary>Whether a registry is configured for the type (otherwise: syntax only).</summary>
    public bool HasRegistry(RegistrationNumberType type) => !string.IsNullOrWhiteSpace(OptionsFor(type).Endpoint);

    public async Task<RegistryCheckResult> CheckAsync(RegistrationNumber number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        var settings = OptionsFor(number.Type);
        if (string.IsNullOrWhiteSpace(settings.Endpoint))
        {
            // The Notary's own description of the syntax rule is the evidence: no registry was asked.
            var rule = new Uri(notary.Value.PublicBaseUrl.TrimEnd('/') + "/registration-numbers/" + number.Type.Slug());
            return new RegistryCheckResult.Registered(
                new RegistryEvidence(rule, time.GetUtcNow(), SyntaxOnly: true),
                CountryCode: number.CountryCode
            );
        }

        var registry = $"The {RegistrationNumberSyntax.Describe(number.Type)} registry";
        var url = new Uri(
            settings
                .Endpoint.Replace("{value}", Uri.EscapeDataString(number.Value), StringComparison.Ordinal)
                .Replace("{country}", Uri.EscapeDataString(number.CountryCode ?? string.Empty), StringComparison.Ordinal)
        );
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/json");
        var http = clients.CreateClient(ClientName(number.Type));

        var (response, failure) = await RegistryHttp.SendAsync(http, request, registry, settings, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }
        using (response)
        {
            if (RegistryHttp.IsNotFound(response!))
            {
                return new RegistryCheckResult.NotRegistered($"{registry} does not know {number.Value}.");
            }
            if (!response!.IsSuccessStatusCode)
            {
                return RegistryHttp.UnexpectedStatus(response, registry, settings, time);
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            string? name = null;
            if (bytes.Length > 0)
            {
                try
                {
                    using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
                    var root = document.RootElement;
                    if (root.ValueKind != JsonValueKind.Object)
                    {
                        return new RegistryCheckResult.BadGateway($"{registry} answered with JSON that is not an object.");
                    }
                    if (root.TryGetProperty("valid", out var valid))
                    {
                        if (valid.ValueKind == JsonValueKind.False)
                        {
                            return new RegistryCheckResult.NotRegistered($"{registry} reports {number.Value} as not valid.");
                        }
                        if (valid.ValueKind != JsonValueKind.True)
                        {
                            return new RegistryCheckResult.BadGateway($"{registry} answered with a 'valid' that is not true or false.");
                        }
                    }
                    if (root.TryGetProperty("name", out var legalName) && legalName.ValueKind == JsonValueKind.String)
                    {
                        name = legalName.GetString();
                    }
                }
                catch (JsonException)
                {
                    return new RegistryCheckResult.BadGateway($"{registry} answered with a body that is not JSON.");
                }
            }
            return new RegistryCheckResult.Registered(
                new RegistryEvidence(url, time.GetUtcNow()),
                LegalName: name,
                CountryCode: number.CountryCode
            );
        }
    }
}
