using GaiaX.Oid4vc.Compliance.Registry;

namespace GaiaX.Oid4vc.Compliance.Filters;

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
            context.AddFailure(
                this,
                ComplianceContext.PresentationLabel,
                "The presentation holds no gx:Issuer credential declaring agreement to the Gaia-X terms and conditions."
            );
            return FilterVerdict.Continue;
        }
        foreach (var credential in declarations)
        {
            foreach (
                var subject in credential.Subjects.Where(s => CredentialJson.Types(s).Contains("Issuer") || credential.HasType("Issuer"))
            )
            {
                var subjectId = CredentialJson.Id(subject);
                if (subjectId != credential.Issuer)
                {
                    context.AddFailure(
                        this,
                        credential,
                        $"The gx:Issuer declaration is about '{subjectId ?? "(no id)"}' but issued by '{credential.Issuer}'; an "
                            + $"issuer declares its own agreement."
                    );
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
