using System.ComponentModel.DataAnnotations;
using GaiaX.Oid4vc.Credentials.RegistrationNumbers;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Notary;

/// <summary>Settings of the Notary service, bound from the <c>Notary</c> configuration section.</summary>
public sealed class NotaryOptions : IValidatableObject
{
    public const string SectionName = "Notary";

    /// <summary>
    /// The public base URL of this service as wallets and other parties reach it; identifiers and
    /// endpoint URLs in metadata are derived from it.
    /// </summary>
    [Required]
    [AbsoluteHttpUrl]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5103";

    /// <summary>
    /// Whether registration-number credentials get a status entry (W3C Bitstring Status List, served at
    /// <c>/status-lists/{n}/revocation|suspension</c>), so that a re-check that finds the number gone revokes them.
    /// </summary>
    public bool CredentialStatus { get; set; } = true;

    /// <summary>
    /// How long a registry confirmation is reused before the registry is asked again. Registries
    /// change slowly; VIES and GLEIF ask clients not to hammer them.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan VerifiedResultTimeToLive { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Validity period of an issued registration-number credential (<c>validUntil</c> − <c>validFrom</c>).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "400.00:00:00")]
    public TimeSpan CredentialValidity { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// How long after an issuance was requested (the <c>issuance-requested</c> event's creation date)
    /// a registry outage is waited out, asking the registry again and again. Past it the request is
    /// rejected with the outage as reason, so the offer fails instead of staying pending. Keep it
    /// below <c>Issuer:DeferredPreparationDeadlineSeconds</c>, so the Issuer hears the reason.
    /// </summary>
    [Range(1, 7 * 86400)]
    public int RegistryOutageDeadlineSeconds { get; set; } = 1800;

    /// <summary>
    /// The Issuer's credential configuration ids the Notary prepares, and the registration number
    /// type of each (<c>vat-id</c>, <c>lei-code</c>, <c>eori</c>, <c>tax-id</c>, <c>euid</c>,
    /// <c>local</c>). An <c>issuance-requested</c> event for another configuration is not the Notary's.
    /// </summary>
    public Dictionary<string, string> CredentialConfigurations { get; set; } =
        new(StringComparer.Ordinal)
        {
            ["VatID"] = "vat-id",
            ["LeiCode"] = "lei-code",
            ["EORI"] = "eori",
            ["TaxID"] = "tax-id",
            ["EUID"] = "euid",
            ["LocalRegistrationNumber"] = "local",
        };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (configuration, type) in CredentialConfigurations)
        {
            if (!RegistrationNumberTypes.TryParseSlug(type, out _))
            {
                yield return new ValidationResult(
                    $"maps '{configuration}' to '{type}', which is not one of {string.Join(", ", RegistrationNumberTypes.Slugs)}",
                    [$"{nameof(CredentialConfigurations)}:{configuration}"]
                );
            }
        }
    }
}
