namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>Every <c>gx:ServiceOffering</c> is <c>gx:providedBy</c> a legal person whose credential is in the presentation.</summary>
public sealed class ServiceOfferingProvidedByRule : IComplianceFilter
{
    public string Name => "ServiceOfferingProvidedBy";

    public string Criterion => "Each service offering's gx:providedBy is a legal person presented alongside it";

    public ComplianceScope Scope => ComplianceScope.Presentation;

    public ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var legalPersons = context
            .Credentials.Where(c => c.HasType("LegalPerson"))
            .SelectMany(c => c.Subjects)
            .Select(CredentialJson.Id)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var credential in context.Credentials)
        {
            foreach (
                var subject in credential.Subjects.Where(s =>
                    credential.HasType("ServiceOffering") || CredentialJson.Types(s).Contains("ServiceOffering")
                )
            )
            {
                var providers = CredentialJson.Values(subject, "providedBy").Select(CredentialJson.Id).ToList();
                if (providers.Count == 0 || providers.All(p => p is null))
                {
                    context.AddFailure(this, credential, "The service offering has no gx:providedBy.");
                    continue;
                }
                foreach (var provider in providers.OfType<string>().Where(p => !legalPersons.Contains(p)))
                {
                    context.AddFailure(
                        this,
                        credential,
                        $"The service offering is provided by '{provider}', but the presentation holds no gx:LegalPerson credential "
                            + $"about it."
                    );
                }
            }
        }
        return ValueTask.FromResult(FilterVerdict.Continue);
    }
}
