using GaiaX.Oid4vc.Compliance.Verification;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>The VP-JWT's signature verifies with the holder's key, and the presentation is within its <c>nbf</c>/<c>exp</c>.</summary>
public sealed class PresentationSignatureFilter(IJwsSignatureVerifier signatures, IOptions<ComplianceOptions> options) : IComplianceFilter
{
    public string Name => "PresentationSignature";

    public string Criterion => "The presentation's signature verifies with the holder's key and the presentation is not expired";

    public ComplianceScope Scope => ComplianceScope.Presentation;

    public ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var vp in context.Presentations)
        {
            if (vp.VerificationMethod is { } method && !signatures.Verify(vp, method))
            {
                context.AddFailure(this, vp, $"The presentation's signature does not verify with '{method.KeyId}'.");
            }
            foreach (var message in ValidityWindow.Check(vp.Payload, context.Now, options.Value.ClockSkew, "presentation"))
            {
                context.AddFailure(this, vp, message);
            }
        }
        return ValueTask.FromResult(FilterVerdict.Continue);
    }
}
