using System.Globalization;
using System.Text.Json;
using GaiaX.Oid4vc.Credentials.RegistrationNumbers;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.ServiceDefaults.Webhooks;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>
/// The rules of a management request for a credential offer: configurations this issuer supports,
/// claims that fit them, a sane transaction code, subject and lifetime. Every problem is reported,
/// not only the first, so an operator fixes a request in one go.
/// </summary>
public sealed class CreateOfferRequestValidator(
    CredentialConfigurationCatalog catalog,
    IOptions<IssuerOptions> options,
    IWebhookSender webhooks
)
{
    /// <summary>Validates a management request; the problems are reported together.</summary>
    public IReadOnlyList<ValidationError> Validate(CreateOfferRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<ValidationError>();
        var ids = request.CredentialConfigurationIds;
        if (ids is null || ids.Count == 0)
        {
            problems.Add(ValidationError.At("must name at least one credential configuration", "credential_configuration_ids"));
            return problems;
        }
        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            problems.Add(ValidationError.At("must not repeat an id", "credential_configuration_ids"));
        }
        foreach (var (id, index) in ids.Select((id, index) => (id, index)))
        {
            var configuration = catalog.Find(id);
            if (configuration is null)
            {
                problems.Add(
                    ValidationError.At(
                        $"credential configuration '{id}' is not supported by this issuer",
                        "credential_configuration_ids",
                        index.ToString(CultureInfo.InvariantCulture)
                    )
                );
                continue;
            }
            var claims = request.Claims is not null && request.Claims.TryGetValue(id, out var value) ? value : EmptyObject;
            problems.AddRange(CredentialConfigurationCatalog.CheckClaims(id, configuration, claims));
            if (configuration.Preparation == CredentialPreparation.Notary)
            {
                // Refused now rather than after the wallet got a token: the Notary would deny it later.
                if (request.SubjectId is null)
                {
                    problems.Add(
                        ValidationError.At(
                            $"is required for '{id}': the Notary signs the registration number for that subject",
                            "subject_id"
                        )
                    );
                }
                problems.AddRange(RegistrationNumberProblems(id, configuration, claims));
            }
        }
        foreach (var extra in (request.Claims?.Keys ?? Enumerable.Empty<string>()).Except(ids, StringComparer.Ordinal))
        {
            problems.Add(ValidationError.At("is not in credential_configuration_ids", "claims", extra));
        }
        if (request.TxCode is { } tx)
        {
            if (tx.InputMode is not (null or "numeric" or "text"))
            {
                problems.Add(ValidationError.At("must be 'numeric' or 'text'", "tx_code", "input_mode"));
            }
            if (tx.Length is < 4 or > 12)
            {
                problems.Add(ValidationError.At("must be between 4 and 12", "tx_code", "length"));
            }
            if (tx.Description is { Length: > 300 })
            {
                problems.Add(ValidationError.At("must not exceed 300 characters", "tx_code", "description"));
            }
        }
        if (request.SubjectId is { } subjectId && !IsSubjectId(subjectId))
        {
            problems.Add(
                ValidationError.At(
                    $"must be an absolute URI (e.g. a DID) of at most {MaxSubjectIdLength} characters without spaces or "
                        + "control characters: it becomes credentialSubject.id, which VCDM 2.0 requires to be a URL",
                    "subject_id"
                )
            );
        }
        if (request.CallbackUrl is { } callback && webhooks.Check(callback) is { } callbackProblem)
        {
            problems.Add(new ValidationError("/callback_url", callbackProblem));
        }
        if (request.ExpiresIn is { } expiresIn && (expiresIn < 30 || expiresIn > options.Value.MaxOfferLifetimeSeconds))
        {
            problems.Add(ValidationError.At($"must be between 30 and {options.Value.MaxOfferLifetimeSeconds} seconds", "expires_in"));
        }
        return problems;
    }

    /// <summary>Longer subject identifiers are refused (a DID or URL of a participant is far shorter).</summary>
    /// <summary>
    /// The syntax and check digits of the registration number a Notary-prepared configuration carries, by the
    /// same rules the Notary applies before it asks a registry (one implementation, in the credential core).
    /// </summary>
    private static IEnumerable<ValidationError> RegistrationNumberProblems(
        string id,
        CredentialConfigurationOptions configuration,
        JsonElement claims
    )
    {
        foreach (
            var type in RegistrationNumberTypes.All.Where(t => configuration.Types.Contains(t.CredentialType(), StringComparer.Ordinal))
        )
        {
            var property = type.NumberProperty();
            if (
                claims.ValueKind == JsonValueKind.Object
                && claims.TryGetProperty(property, out var number)
                && number.ValueKind == JsonValueKind.String
                && RegistrationNumberSyntax.Check(type, number.GetString()) is { IsValid: false } syntax
            )
            {
                yield return ValidationError.At(syntax.Error!, "claims", id, property);
            }
        }
    }

    public const int MaxSubjectIdLength = 2048;

    /// <summary>An absolute URI without whitespace or control characters, as <c>credentialSubject.id</c> must be.</summary>
    public static bool IsSubjectId(string value) =>
        value.Length is > 0 and <= MaxSubjectIdLength
        && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && global::GaiaX.Oid4vc.Credentials.Vcdm.VcdmRules.IsAbsoluteUri(value);

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
