using GaiaX.Oid4vc.Credentials.RegistrationNumbers;
using GaiaX.Oid4vc.Credentials.Status;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Dapr.StatusLists;

namespace GaiaX.Oid4vc.Notary.Credentials;

/// <summary>
/// The credentials the Notary signed for each number (state <c>issued-for:{type}/{value}</c>), so a re-check that finds
/// the number no longer registered revokes every one of them.
/// </summary>
public sealed class NotaryIssuedCredentials(IDaprStateStore state, StatusListStore lists, IEventBus events)
{
    /// <summary>Kept longer than any credential it describes lives.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(3 * 366);

    private static string Key(RegistrationNumber number) => "issued-for:" + number.Key;

    public async Task RecordAsync(RegistrationNumber number, NotaryIssuedCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        if (await state.TryCreateAsync(Key(number), new[] { credential }, Retention, cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        await state
            .UpdateAsync<NotaryIssuedCredential[]>(
                Key(number),
                all => [.. all.Where(c => c.Id != credential.Id), credential],
                Retention,
                cancellationToken
            )
            .ConfigureAwait(false);
    }

    /// <summary>Revokes every credential signed for <paramref name="number"/>; the ids newly revoked.</summary>
    public async Task<IReadOnlyList<string>> RevokeAllAsync(RegistrationNumber number, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        var all = await state.GetAsync<NotaryIssuedCredential[]>(Key(number), cancellationToken).ConfigureAwait(false) ?? [];
        var revoked = new List<string>();
        foreach (var credential in all)
        {
            var previous = await lists
                .SetStatusAsync(credential.List, credential.Index, TokenStatusList.Invalid, cancellationToken)
                .ConfigureAwait(false);
            if (previous is not null and not TokenStatusList.Invalid)
            {
                revoked.Add(credential.Id);
                await events
                    .PublishAsync(
                        new CredentialStatusChanged(credential.Id, "revoked", reason, credential.List, credential.Index, null),
                        cancellationToken
                    )
                    .ConfigureAwait(false);
            }
        }
        return revoked;
    }
}
