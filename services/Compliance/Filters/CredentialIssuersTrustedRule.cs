using GaiaX.Oid4vc.Compliance.Registry;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// Every credential's issuer is one the ecosystem trusts: a registration notary or a conformity assessment body listed
/// by the registry, or an issuer that declared in this presentation (a self-issued <c>gx:Issuer</c>
/// credential) that it is bound by the Gaia-X terms and conditions. Whether the declared hash is
/// the right one is <see cref="IssuerTermsAndConditionsRule"/>'s criterion, so one fault is reported once.
/// </summary>
public sealed class CredentialIssuersTrustedRule(IGaiaXRegistry registry) : IComplianceFilter
{
    public string Name => "CredentialIssuersTrusted";

    public string Criterion =>
        "Every credential's issuer is a trusted notary or conformity assessment body, or bound by the Gaia-X terms and conditions";

    public ComplianceScope Scope => ComplianceScope.Presentation;

    public async ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var notaries = await registry.GetRegistrationNotariesAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlySet<string>? bodies = null;
        var declaredIssuers = context
            .Credentials.Where(IssuerTermsAndConditionsRule.IsIssuerDeclaration)
            .Where(c => c.Subjects.Any(s => CredentialJson.Id(s) == c.Issuer))
            .Select(c => c.Issuer)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        foreach (var credential in context.Credentials.Where(c => c.Issuer is not null))
        {
            if (notaries.Contains(credential.Issuer!) || declaredIssuers.Contains(credential.Issuer!))
            {
                continue;
            }
            bodies ??= await registry
                .GetTrustedIssuersAsync(Labels.LabelLevelEvaluator.ConformityAssessmentBodyRole, cancellationToken)
                .ConfigureAwait(false);
            if (!bodies.Contains(credential.Issuer!))
            {
                context.AddFailure(
                    this,
                    credential,
                    $"The issuer '{credential.Issuer}' is neither a registration notary or conformity assessment body the registry "
                        + "trusts nor an issuer that "
                        + $"declared in this presentation that it is bound by the Gaia-X terms and conditions."
                );
            }
        }
        return FilterVerdict.Continue;
    }
}
