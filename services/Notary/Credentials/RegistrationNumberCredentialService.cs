using GaiaX.Oid4vc.Credentials.RegistrationNumbers;
using GaiaX.Oid4vc.Credentials.Status;
using GaiaX.Oid4vc.Dapr.StatusLists;
using GaiaX.Oid4vc.Notary.Registries;
using GaiaX.Oid4vc.Notary.Verification;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Notary.Credentials;

/// <summary>Verifies a number and signs its credential: the one path the HTTP API and the event handler share.</summary>
public sealed class RegistrationNumberCredentialService(
    RegistrationNumberVerifier verifier,
    IRegistrationCredentialSigner signer,
    StatusListStore statusLists,
    NotaryIssuedCredentials issued,
    IOptions<NotaryOptions> options,
    TimeProvider time
)
{
    public async Task<IssuedRegistrationCredential> IssueAsync(
        RegistrationNumberType type,
        string? value,
        string? vcId,
        string subjectId,
        CancellationToken cancellationToken
    )
    {
        var outcome = await verifier.VerifyAsync(type, value, cancellationToken).ConfigureAwait(false);
        if (outcome is not { Number: { } number, Result: RegistryCheckResult.Registered registered })
        {
            return new IssuedRegistrationCredential(outcome, null);
        }

        var id = vcId ?? "urn:uuid:" + Guid.NewGuid().ToString("D");
        var credential = RegistrationNumberCredentialFactory.Create(
            number,
            registered,
            id,
            subjectId,
            signer.Issuer,
            time.GetUtcNow(),
            options.Value.CredentialValidity
        );
        if (options.Value.CredentialStatus)
        {
            // The Notary owns the status of what it signs: a re-check that finds the number gone revokes it.
            var status = await statusLists.AllocateAsync(cancellationToken).ConfigureAwait(false);
            credential["credentialStatus"] = StatusListCredentials.BitstringEntries(
                status.RevocationListUrl,
                status.SuspensionListUrl,
                status.Index
            );
            await issued
                .RecordAsync(number, new NotaryIssuedCredential(id, status.List, status.Index), cancellationToken)
                .ConfigureAwait(false);
        }
        var jwt = await signer.SignAsync(credential, cancellationToken).ConfigureAwait(false);
        return new IssuedRegistrationCredential(outcome, jwt);
    }
}
