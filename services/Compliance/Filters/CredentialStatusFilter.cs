using GaiaX.Oid4vc.Credentials.Status;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// No credential is revoked or suspended: every credential that names a status list (W3C Bitstring Status List,
/// IETF Token Status List) is checked at its issuer's list. A list that cannot be had is a failure of its own
/// ("status unknown", never "revoked"), unless <c>StatusLists:AcceptUnknownStatus</c> is set.
/// </summary>
public sealed class CredentialStatusFilter(StatusListClient statusLists) : IComplianceFilter
{
    public string Name => "CredentialStatus";

    public string Criterion => "No credential is revoked or suspended by its issuer's status list";

    public ComplianceScope Scope => ComplianceScope.Both;

    public async ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var referenced = context
            .Credentials.Select(c => (Credential: c, References: StatusListCredentials.References(c.Payload)))
            .Where(c => c.References.Count > 0)
            .ToList();
        var results = await Task.WhenAll(
                referenced.Select(c => statusLists.CheckAsync(c.Credential.Issuer ?? "", c.References, cancellationToken))
            )
            .ConfigureAwait(false);
        for (var i = 0; i < referenced.Count; i++)
        {
            var (credential, _) = referenced[i];
            var result = results[i];
            switch (result.State)
            {
                case CredentialStatusState.Revoked:
                    context.AddFailure(this, credential, $"The credential is revoked by its issuer: {result.Reason}.");
                    break;
                case CredentialStatusState.Suspended:
                    context.AddFailure(this, credential, $"The credential is suspended by its issuer: {result.Reason}.");
                    break;
                case CredentialStatusState.Unknown when !statusLists.Options.AcceptUnknownStatus:
                    context.AddFailure(this, credential, $"The credential's status cannot be established: {result.Reason}.");
                    break;
            }
        }
        return FilterVerdict.Continue;
    }
}
