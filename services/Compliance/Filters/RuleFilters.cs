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
    public static IReadOnlySet<string> RegistrationNumberTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "RegistrationNumber", "VatID", "LeiCode", "EORI", "EUID", "TaxID", "LocalRegistrationNumber", "CountryCompanyNumber",
    };

    public string Name => "RegistrationNumberFromTrustedNotary";

    public string Criterion => "Each legal person's registration number is attested by a registration-number credential from a notary the registry trusts";

    public ComplianceScope Scope => ComplianceScope.Both;

    public async ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var notaries = await registry.GetRegistrationNotariesAsync(cancellationToken).ConfigureAwait(false);

        var numberCredentials = context.Credentials.Where(IsRegistrationNumber).ToList();
        foreach (var credential in numberCredentials.Where(c => c.Issuer is not null && !notaries.Contains(c.Issuer)))
        {
            context.AddFailure(this, credential, $"The registration-number credential is issued by '{credential.Issuer}', which is not a registration notary the registry trusts.");
        }
        if (context.Scope != ComplianceScope.Presentation)
        {
            return FilterVerdict.Continue;
        }

        var attested = numberCredentials.Where(c => c.Issuer is not null && notaries.Contains(c.Issuer))
            .SelectMany(c => c.Subjects).Select(CredentialJson.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var legalPersons = context.Credentials.Where(c => c.HasType("LegalPerson")).ToList();
        if (legalPersons.Count == 0)
        {
            context.AddFailure(this, ComplianceContext.PresentationLabel, "The presentation holds no gx:LegalPerson credential whose registration number could be attested.");
        }
        foreach (var credential in legalPersons)
        {
            foreach (var subject in credential.Subjects)
            {
                var references = CredentialJson.Values(subject, "registrationNumber").Select(CredentialJson.Id).OfType<string>().ToList();
                if (references.Count == 0)
                {
                    context.AddFailure(this, credential, "The legal person's gx:registrationNumber does not refer to a registration-number credential by id.");
                }
                else if (!references.Any(attested.Contains))
                {
                    context.AddFailure(this, credential,
                        $"No registration-number credential from a trusted notary in the presentation has the subject {string.Join(" or ", references.Select(r => $"'{r}'"))}.");
                }
            }
        }
        return FilterVerdict.Continue;
    }

    private static bool IsRegistrationNumber(AssessedCredential credential) =>
        credential.Types.Any(RegistrationNumberTypes.Contains)
        || credential.Subjects.Any(s => CredentialJson.Types(s).Any(RegistrationNumberTypes.Contains));
}

/// <summary>
/// The presentation carries the issuer's agreement to the Gaia-X terms and conditions: a
/// <c>gx:Issuer</c> credential, issued by the DID it is about, whose
/// <c>gx:gaiaxTermsAndConditions</c> is a hash the registry publishes.
/// </summary>
public sealed class IssuerTermsAndConditionsRule(IGaiaXRegistry registry) : IComplianceFilter
{
    public string Name => "IssuerTermsAndConditions";

    public string Criterion => "The issuer declares its agreement to the Gaia-X terms and conditions (gx:Issuer with the terms' hash)";

    public ComplianceScope Scope => ComplianceScope.Presentation;

    public async ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var hashes = await registry.GetTermsAndConditionsHashesAsync(cancellationToken).ConfigureAwait(false);
        var declarations = context.Credentials.Where(IsIssuerDeclaration).ToList();
        if (declarations.Count == 0)
        {
            context.AddFailure(this, ComplianceContext.PresentationLabel, "The presentation holds no gx:Issuer credential declaring agreement to the Gaia-X terms and conditions.");
            return FilterVerdict.Continue;
        }
        foreach (var credential in declarations)
        {
            foreach (var subject in credential.Subjects.Where(s => CredentialJson.Types(s).Contains("Issuer") || credential.HasType("Issuer")))
            {
                var subjectId = CredentialJson.Id(subject);
                if (subjectId != credential.Issuer)
                {
                    context.AddFailure(this, credential, $"The gx:Issuer declaration is about '{subjectId ?? "(no id)"}' but issued by '{credential.Issuer}'; an issuer declares its own agreement.");
                }
                var values = CredentialJson.Values(subject, "gaiaxTermsAndConditions").Select(CredentialJson.Literal).ToList();
                if (values.Count == 0 || values.All(v => v is null))
                {
                    context.AddFailure(this, credential, "The gx:Issuer declaration has no gx:gaiaxTermsAndConditions hash.");
                }
                foreach (var value in values.OfType<string>().Where(v => !hashes.Contains(v)))
                {
                    context.AddFailure(this, credential, $"The terms-and-conditions hash '{value}' is not one the registry publishes.");
                }
            }
        }
        return FilterVerdict.Continue;
    }

    internal static bool IsIssuerDeclaration(AssessedCredential credential) =>
        credential.HasType("Issuer") || credential.Subjects.Any(s => CredentialJson.Types(s).Contains("Issuer"));
}

/// <summary>Every <c>gx:ServiceOffering</c> is <c>gx:providedBy</c> a legal person whose credential is in the presentation.</summary>
public sealed class ServiceOfferingProvidedByRule : IComplianceFilter
{
    public string Name => "ServiceOfferingProvidedBy";

    public string Criterion => "Each service offering's gx:providedBy is a legal person presented alongside it";

    public ComplianceScope Scope => ComplianceScope.Presentation;

    public ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var legalPersons = context.Credentials.Where(c => c.HasType("LegalPerson"))
            .SelectMany(c => c.Subjects).Select(CredentialJson.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var credential in context.Credentials)
        {
            foreach (var subject in credential.Subjects.Where(s => credential.HasType("ServiceOffering") || CredentialJson.Types(s).Contains("ServiceOffering")))
            {
                var providers = CredentialJson.Values(subject, "providedBy").Select(CredentialJson.Id).ToList();
                if (providers.Count == 0 || providers.All(p => p is null))
                {
                    context.AddFailure(this, credential, "The service offering has no gx:providedBy.");
                    continue;
                }
                foreach (var provider in providers.OfType<string>().Where(p => !legalPersons.Contains(p)))
                {
                    context.AddFailure(this, credential, $"The service offering is provided by '{provider}', but the presentation holds no gx:LegalPerson credential about it.");
                }
            }
        }
        return ValueTask.FromResult(FilterVerdict.Continue);
    }
}

/// <summary>
/// Every credential's issuer is one the ecosystem trusts: a registration notary listed by the
/// registry, or an issuer that declared in this presentation (a self-issued <c>gx:Issuer</c>
/// credential) that it is bound by the Gaia-X terms and conditions. Whether the declared hash is
/// the right one is <see cref="IssuerTermsAndConditionsRule"/>'s criterion, so one fault is reported once.
/// </summary>
public sealed class CredentialIssuersTrustedRule(IGaiaXRegistry registry) : IComplianceFilter
{
    public string Name => "CredentialIssuersTrusted";

    public string Criterion => "Every credential's issuer is a trusted notary or an issuer bound by the Gaia-X terms and conditions";

    public ComplianceScope Scope => ComplianceScope.Presentation;

    public async ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var notaries = await registry.GetRegistrationNotariesAsync(cancellationToken).ConfigureAwait(false);
        var declaredIssuers = context.Credentials
            .Where(IssuerTermsAndConditionsRule.IsIssuerDeclaration)
            .Where(c => c.Subjects.Any(s => CredentialJson.Id(s) == c.Issuer))
            .Select(c => c.Issuer).OfType<string>().ToHashSet(StringComparer.Ordinal);

        foreach (var credential in context.Credentials.Where(c => c.Issuer is not null))
        {
            if (!notaries.Contains(credential.Issuer!) && !declaredIssuers.Contains(credential.Issuer!))
            {
                context.AddFailure(this, credential,
                    $"The issuer '{credential.Issuer}' is neither a registration notary the registry trusts nor an issuer that declared in this presentation that it is bound by the Gaia-X terms and conditions.");
            }
        }
        return FilterVerdict.Continue;
    }
}
