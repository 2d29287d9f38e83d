using GaiaX.Oid4vc.Compliance.Registry;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// Registration numbers are attested by notaries the registry trusts: every registration-number
/// credential is issued by one, and (in a presentation) every <c>gx:LegalPerson</c> points with
/// <c>gx:registrationNumber</c> at the subject of such a credential in the same presentation.
/// </summary>
public sealed class RegistrationNumberFromTrustedNotaryRule(IGaiaXRegistry registry) : IComplianceFilter
{
    /// <summary>The ontology's registration-number classes (<c>rdfs:subClassOf gx:RegistrationNumber</c>).</summary>
    public static IReadOnlySet<string> RegistrationNumberTypes { get; } =
        new HashSet<string>(StringComparer.Ordinal)
        {
            "RegistrationNumber",
            "VatID",
            "LeiCode",
            "EORI",
            "EUID",
            "TaxID",
            "LocalRegistrationNumber",
            "CountryCompanyNumber",
        };

    public string Name => "RegistrationNumberFromTrustedNotary";

    public string Criterion =>
        "Each legal person's registration number is attested by a registration-number credential from a notary the registry trusts";

    public ComplianceScope Scope => ComplianceScope.Both;

    public async ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var notaries = await registry.GetRegistrationNotariesAsync(cancellationToken).ConfigureAwait(false);

        var numberCredentials = context.Credentials.Where(IsRegistrationNumber).ToList();
        foreach (var credential in numberCredentials.Where(c => c.Issuer is not null && !notaries.Contains(c.Issuer)))
        {
            context.AddFailure(
                this,
                credential,
                $"The registration-number credential is issued by '{credential.Issuer}', which is not a registration notary the "
                    + $"registry trusts."
            );
        }
        if (context.Scope != ComplianceScope.Presentation)
        {
            return FilterVerdict.Continue;
        }

        var attested = numberCredentials
            .Where(c => c.Issuer is not null && notaries.Contains(c.Issuer))
            .SelectMany(c => c.Subjects)
            .Select(CredentialJson.Id)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var legalPersons = context.Credentials.Where(c => c.HasType("LegalPerson")).ToList();
        if (legalPersons.Count == 0)
        {
            context.AddFailure(
                this,
                ComplianceContext.PresentationLabel,
                "The presentation holds no gx:LegalPerson credential whose registration number could be attested."
            );
        }
        foreach (var credential in legalPersons)
        {
            foreach (var subject in credential.Subjects)
            {
                var references = CredentialJson.Values(subject, "registrationNumber").Select(CredentialJson.Id).OfType<string>().ToList();
                if (references.Count == 0)
                {
                    context.AddFailure(
                        this,
                        credential,
                        "The legal person's gx:registrationNumber does not refer to a registration-number credential by id."
                    );
                }
                else if (!references.Any(attested.Contains))
                {
                    context.AddFailure(
                        this,
                        credential,
                        $"No registration-number credential from a trusted notary in the presentation has the subject "
                            + $"{string.Join(" or ", references.Select(r => $"'{r}'"))}."
                    );
                }
            }
        }
        return FilterVerdict.Continue;
    }

    private static bool IsRegistrationNumber(AssessedCredential credential) =>
        credential.Types.Any(RegistrationNumberTypes.Contains)
        || credential.Subjects.Any(s => CredentialJson.Types(s).Any(RegistrationNumberTypes.Contains));
}
