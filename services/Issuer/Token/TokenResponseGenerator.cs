using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Authorization;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Offers;
using GaiaX.Oid4vc.Issuer.Protocol;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// Mints the tokens of a validated token request. The tokens of a first response are written in one state transaction
/// with the write that spends the grant (the offer's redemption), conditional on the ETag the validator read: of
/// concurrent requests for one grant exactly one gets tokens, the others an error, and a state store failing leaves the
/// grant unspent for the wallet's retry. A refresh writes the new access token before it rotates the family.
/// </summary>
public sealed class TokenResponseGenerator(
    IDaprStateStore state,
    IRefreshTokenFamilyStore refreshFamilies,
    IAccessTokenStore accessTokens,
    IOfferStore offers,
    CredentialConfigurationCatalog catalog,
    IOptions<IssuerOptions> options,
    TimeProvider time
)
{
    /// <summary>How many live access tokens a refresh family keeps track of (and can revoke).</summary>
    private const int MaxAccessTokensPerFamily = 32;

    public Task<Outcome<TokenResponse>> GenerateAsync(ValidatedTokenRequest request, CancellationToken cancellationToken) =>
        request switch
        {
            ValidatedCodeGrantRequest grant => IssueAsync(grant, cancellationToken),
            ValidatedRefreshTokenRequest refresh => RefreshAsync(refresh, cancellationToken),
            _ => throw new ArgumentException($"unknown validated token request {request?.GetType().Name}", nameof(request)),
        };

    /// <summary>
    /// The first token response of a grant: the tokens, and the offer's redemption (under the ETag it was read with,
    /// moving it to <c>token_issued</c>) when the grant comes from one, in one transaction (one sidecar call). The
    /// redemption spends the grant: one offer is redeemed once, whichever grant and however many concurrent requests.
    /// </summary>
    private async Task<Outcome<TokenResponse>> IssueAsync(ValidatedCodeGrantRequest request, CancellationToken cancellationToken)
    {
        var read = request.Offer;
        var offer = read?.Value;
        Dictionary<string, string>? identifiers = null;
        if (request.WithAuthorizationDetails)
        {
            // One credential dataset per configuration: the identifier names it for this grant.
            identifiers = request.CredentialConfigurationIds.ToDictionary(
                id => $"{id}:{Secrets.NewHandle(9)}",
                id => id,
                StringComparer.Ordinal
            );
        }
        var grant = new AccessTokenRecord
        {
            OfferId = offer?.Id,
            CredentialConfigurationIds = request.CredentialConfigurationIds,
            Claims = offer?.Claims,
            SubjectId = offer?.SubjectId,
            CredentialIdentifiers = identifiers,
            ClientId = string.IsNullOrEmpty(request.ClientId) ? null : request.ClientId,
            ClientAuthentication = request.ClientAuthentication,
            DpopJkt = request.DpopJkt,
            ExpiresAt = default,
        };
        var now = time.GetUtcNow();
        var (accessToken, access) = NewAccessToken(grant, now);
        var tokens = new List<StateChange>(2) { accessTokens.Prepare(accessToken, access) };
        string? refreshToken = null;
        if (options.Value.RefreshTokenLifetimeSeconds > 0)
        {
            var familyId = Secrets.NewHandle(16);
            refreshToken = RefreshTokenFamilyStore.NewToken(familyId);
            tokens.Add(
                refreshFamilies.Prepare(
                    familyId,
                    new RefreshTokenFamily
                    {
                        Grant = grant,
                        CurrentTokenHash = Secrets.Hash(refreshToken),
                        ExpiresAt = now.AddSeconds(options.Value.RefreshTokenLifetimeSeconds),
                        AccessTokens = [new IssuedAccessToken(Secrets.Hash(accessToken), access.ExpiresAt)],
                    }
                )
            );
        }
        if (read is not null)
        {
            if (!await offers.TryRedeemAsync(read, tokens, cancellationToken).ConfigureAwait(false))
            {
                // Another grant of the offer won; nothing of this request was written.
                return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidGrant, "the offer was redeemed already");
            }
        }
        else
        {
            await state.WriteAllAsync(tokens, cancellationToken).ConfigureAwait(false);
        }
        accessTokens.Remember(accessToken, access);
        return Respond(accessToken, access, refreshToken);
    }

    /// <summary>
    /// The refresh token grant: the same grant with a fresh access token, narrowed to the
    /// configurations a <c>scope</c> names. The rotated refresh token keeps the whole grant, as RFC
    /// 6749 section 6 requires. A request that loses the race to rotate the token revokes its
    /// family: two parties hold it.
    /// </summary>
    private async Task<Outcome<TokenResponse>> RefreshAsync(ValidatedRefreshTokenRequest request, CancellationToken cancellationToken)
    {
        var (familyId, read) = (request.FamilyId, request.Family);
        var family = read.Value;
        var now = time.GetUtcNow();
        // A bearer grant may become DPoP-bound when the wallet starts proving a key; never the reverse.
        var grant = family.Grant with { DpopJkt = request.DpopJkt };
        var (accessToken, access) = NewAccessToken(Narrow(grant, request.Scope), now);
        var refreshToken = RefreshTokenFamilyStore.NewToken(familyId);
        await accessTokens.StoreAsync(accessToken, access, cancellationToken).ConfigureAwait(false);

        // Live access tokens stay listed for revocation; past the cap the oldest is revoked now.
        var live = family
            .AccessTokens.Where(t => t.ExpiresAt > now)
            .Append(new IssuedAccessToken(Secrets.Hash(accessToken), access.ExpiresAt))
            .ToList();
        var dropped = live.Count > MaxAccessTokensPerFamily ? live[..^MaxAccessTokensPerFamily] : [];
        var next = family.RotatedTo(Secrets.Hash(refreshToken)) with { Grant = grant, AccessTokens = live[dropped.Count..] };
        if (!await refreshFamilies.TryAdvanceAsync(familyId, read, next, cancellationToken).ConfigureAwait(false))
        {
            // Another request rotated this token first: two parties hold it.
            await accessTokens.RevokeAsync([Secrets.Hash(accessToken)], cancellationToken).ConfigureAwait(false);
            return await RefreshTokenReuse
                .RevokeFamilyAsync(refreshFamilies, accessTokens, familyId, cancellationToken)
                .ConfigureAwait(false);
        }
        if (dropped.Count > 0)
        {
            await accessTokens.RevokeAsync(dropped.Select(t => t.TokenHash).ToList(), cancellationToken).ConfigureAwait(false);
        }
        return Respond(accessToken, access, refreshToken);
    }

    /// <summary>The grant limited to the configurations <paramref name="scope"/> names (all when it names none).</summary>
    private AccessTokenRecord Narrow(AccessTokenRecord grant, string scope)
    {
        if (string.IsNullOrWhiteSpace(scope))
        {
            return grant;
        }
        var ids = grant.CredentialConfigurationIds.Intersect(catalog.IdsForScope(scope), StringComparer.Ordinal).ToList();
        return grant with
        {
            CredentialConfigurationIds = ids,
            CredentialIdentifiers = grant
                .CredentialIdentifiers?.Where(pair => ids.Contains(pair.Value, StringComparer.Ordinal))
                .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
        };
    }

    /// <summary>A new access token handle and its record for <paramref name="grant"/>.</summary>
    private (string Token, AccessTokenRecord Record) NewAccessToken(AccessTokenRecord grant, DateTimeOffset now) =>
        (Secrets.NewHandle(), grant with { ExpiresAt = now.AddSeconds(options.Value.AccessTokenLifetimeSeconds) });

    private Outcome<TokenResponse> Respond(string accessToken, AccessTokenRecord access, string? refreshToken)
    {
        // One credential dataset, so one identifier, per configuration.
        var details = access
            .CredentialIdentifiers?.Select(pair => new TokenAuthorizationDetail(
                AuthorizationDetails.OpenIdCredential,
                pair.Value,
                [pair.Key]
            ))
            .ToList();
        return Outcome<TokenResponse>.Success(
            new TokenResponse(accessToken, access.TokenType, options.Value.AccessTokenLifetimeSeconds, details, refreshToken)
        );
    }
}
