using System.Collections.Frozen;
using System.Text.Json;
using GaiaX.Oid4vc.Credentials.RegistrationNumbers;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Notary.Registries;

/// <summary>
/// GLEIF's JSON:API (<c>GET {base}/lei-records/{lei}</c>). An LEI is a valid registration only
/// while it is issued (or being transferred/archived by its LOU) for an active entity; a lapsed,
/// retired, annulled or duplicate LEI is answered as not registered.
/// </summary>
public sealed class GleifClient(HttpClient http, IOptions<GleifOptions> options, TimeProvider time)
{
    public const string Registry = "GLEIF";

    private static readonly FrozenSet<string> ValidRegistrationStatuses = new[]
    {
        "ISSUED",
        "PENDING_TRANSFER",
        "PENDING_ARCHIVAL",
    }.ToFrozenSet(StringComparer.Ordinal);

    public async Task<RegistryCheckResult> GetLeiRecordAsync(RegistrationNumber number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        var settings = options.Value;
        var url = new Uri(settings.Endpoint!.TrimEnd('/') + "/lei-records/" + Uri.EscapeDataString(number.Value));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/vnd.api+json");

        var (response, failure) = await RegistryHttp.SendAsync(http, request, Registry, settings, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }
        using (response)
        {
            if (RegistryHttp.IsNotFound(response!))
            {
                return new RegistryCheckResult.NotRegistered($"{Registry} has no LEI record {number.Value}.");
            }
            if (!response!.IsSuccessStatusCode)
            {
                return RegistryHttp.UnexpectedStatus(response, Registry, settings, time);
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
                var attributes = document.RootElement.GetProperty("data").GetProperty("attributes");
                if (!string.Equals(attributes.GetProperty("lei").GetString(), number.Value, StringComparison.Ordinal))
                {
                    return new RegistryCheckResult.BadGateway($"{Registry} answered about a different LEI than the one asked.");
                }
                var entity = attributes.GetProperty("entity");
                var registrationStatus = attributes.GetProperty("registration").GetProperty("status").GetString();
                var entityStatus = entity.GetProperty("status").GetString();
                if (registrationStatus is null || entityStatus is null)
                {
                    return new RegistryCheckResult.BadGateway($"{Registry} answered without a registration or entity status.");
                }
                if (!ValidRegistrationStatuses.Contains(registrationStatus) || entityStatus != "ACTIVE")
                {
                    return new RegistryCheckResult.NotRegistered(
                        $"{Registry} lists {number.Value} with registration status {registrationStatus} and entity status "
                            + $"{entityStatus}; it is not a valid registration."
                    );
                }

                var legalAddress =
                    entity.TryGetProperty("legalAddress", out var address) && address.ValueKind == JsonValueKind.Object ? address : default;
                return new RegistryCheckResult.Registered(
                    new RegistryEvidence(url, time.GetUtcNow()),
                    LegalName: entity.TryGetProperty("legalName", out var legalName) && legalName.ValueKind == JsonValueKind.Object
                        ? legalName.GetProperty("name").GetString()
                        : null,
                    CountryCode: Text(legalAddress, "country"),
                    SubdivisionCode: Text(legalAddress, "region")
                );
            }
            catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return new RegistryCheckResult.BadGateway($"{Registry} answered with a body that is not a JSON:API LEI record.");
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
