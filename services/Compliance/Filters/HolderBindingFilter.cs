using GaiaX.Oid4vc.Credentials.VcJwt;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// The presenter is the holder: each credential that names its holder (<c>cnf</c> key, or a DID
/// <c>credentialSubject.id</c>) is bound to the DID and key that signed the presentation around it.
/// Otherwise anyone holding copies of a participant's credentials could obtain its label. The rule
/// is the credential core's <see cref="HolderBinding"/>, the one the Verifier applies; a credential
/// naming no holder at all is left to the other criteria, as Gaia-X credentials need not name one.
/// </summary>
public sealed class HolderBindingFilter : IComplianceFilter
{
    public string Name => "HolderBinding";

    public string Criterion => "Each credential is presented by the holder it is bound to (its cnf key or its subject's DID)";

    public ComplianceScope Scope => ComplianceScope.Presentation;

    public ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var credential in context.Credentials)
        {
            // Without a resolved presenter key the signature filter has already reported why.
            if (credential.Presentation?.VerificationMethod is not { } presenter)
            {
                continue;
            }
            var binding = HolderBinding.Check(credential.Payload, presenter.Controller, presenter.PublicKey);
            if (binding.Outcome == HolderBindingOutcome.Mismatch)
            {
                context.AddFailure(
                    this,
                    credential,
                    $"The credential is presented by '{presenter.Controller}' but is not bound to it: {binding.Reason}."
                );
            }
        }
        return ValueTask.FromResult(FilterVerdict.Continue);
    }
}
