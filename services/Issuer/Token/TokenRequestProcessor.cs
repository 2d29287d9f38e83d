using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Authorization;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Offers;
using GaiaX.Oid4vc.Issuer.Protocol;
using Microsoft.Extensions.Options;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// Validates a token request and issues the access token: parse → validate → generate. Writes come
/// before the write that spends the grant (the offer's redemption, a refresh family's rotation), so
/// a state store failing half way leaves the grant usable for the wallet's retry; the spending write
/// is conditional on the ETag read, so of concurrent requests for one grant exactly one gets tokens.
/// </summary>
public sealed class TokenRequestProcessor(
    IPreAuthorizedCodeStore preAuthorizedCodes,
    ISingleUseStore<AuthorizationCodeRecord> authorizationCodes,
    IRefreshTokenFamilyStore refreshFamilies,
    IAccessTokenStore accessTokens,
    IOfferStore offers,
    CredentialConfigurationCatalog catalog,
    DpopProofValidator dpop,
    IssuerEndpoints endpoints,
    IOptions<IssuerOptions> options,
    TimeProvider time)
{
    private static readonly HashSet<string> DefinedParameters = new(StringComparer.Ordinal)
    {
        "grant_type", "pre-authorized_code", "tx_code", "code", "code_verifier", "redirect_uri", "client_id", "authorization_details", "scope", "refresh_token",
    };

    public async Task<Outcome<TokenResponse>> ProcessAsync(IFormCollection form, Microsoft.Extensions.Primitives.StringValues dpopHeader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        foreach (var (name, values) in form)
        {
            // RFC 6749 section 3.2 forbids repeating the parameters it defines; others (resource may
            // repeat, RFC 8707) are ignored as section 6.1 of OpenID4VCI requires.
            if (values.Count > 1 && DefinedParameters.Contains(name))
            {
                return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidRequest, $"parameter {name} is repeated");
            }
        }
        string? jkt = null;
        if (dpopHeader.Count > 1)
        {
            return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidDpopProof, "exactly one DPoP header is allowed");
        }
        if (dpopHeader.Count == 1)
        {
            var proof = await dpop.ValidateAsync(dpopHeader.ToString(), HttpMethods.Post, endpoints.Token, null, cancellationToken).ConfigureAwait(false);
            if (proof.Failed)
            {
                return proof.Error;
            }
            jkt = proof.Value;
        }
        return form["grant_type"].ToString() switch
        {
            GrantTypes.PreAuthorizedCode => await PreAuthorizedCodeAsync(form, jkt, cancellationToken).ConfigureAwait(false),
            GrantTypes.AuthorizationCode => await AuthorizationCodeAsync(form, jkt, cancellationToken).ConfigureAwait(false),
            GrantTypes.RefreshToken when options.Value.RefreshTokenLifetimeSeconds > 0 => await RefreshAsync(form, jkt, cancellationToken).ConfigureAwait(false),
            "" => Outcome<TokenResponse>.Fail(ErrorCodes.InvalidRequest, "grant_type is required"),
            var other => Outcome<TokenResponse>.Fail(ErrorCodes.UnsupportedGrantType, $"grant type {other} is not supported"),
        };
    }

    private async Task<Outcome<TokenResponse>> PreAuthorizedCodeAsync(IFormCollection form, string? jkt, CancellationToken cancellationToken)
    {
        var code = form["pre-authorized_code"].ToString();
        if (code.Length == 0)
        {
            return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidRequest, "pre-authorized_code is required");
        }
        var transactionCode = form.ContainsKey("tx_code") ? form["tx_code"].ToString() : null;
        var settings = options.Value;
        var requested = AuthorizationDetails.Parse(form["authorization_details"].ToString(), catalog, endpoints.CredentialIssuer);
        if (requested.Failed)
        {
            return requested.Error;
        }
        var (result, record) = await preAuthorizedCodes.VerifyAsync(code, transactionCode, requested.Value, settings.MaxTransactionCodeAttempts, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        switch (result)
        {
            case PreAuthorizedCodeRedemption.NotOffered:
                var notOffered = requested.Value.Except(record!.CredentialConfigurationIds, StringComparer.Ordinal).First();
                return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidAuthorizationDetails, $"credential configuration '{notOffered}' is not in the offer");
            case PreAuthorizedCodeRedemption.Unknown:
                return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidGrant, "the pre-authorized code is unknown or was already used");
            case PreAuthorizedCodeRedemption.Expired:
                return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidGrant, "the pre-authorized code has expired");
            case PreAuthorizedCodeRedemption.LockedOut:
                return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidGrant, "the pre-authorized code is no longer valid: too many wrong transaction codes");
            case PreAuthorizedCodeRedemption.TransactionCodeMissing:
                return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidRequest, "this offer requires a transaction code (tx_code)");
            case PreAuthorizedCodeRedemption.TransactionCodeUnexpected:
                return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidRequest, "this offer does not use a transaction code; do not send tx_code");
            case PreAuthorizedCodeRedemption.TransactionCodeWrong:
                var left = settings.MaxTransactionCodeAttempts - record!.FailedAttempts;
                return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidGrant, $"the transaction code is wrong ({left} attempt(s) left)");
        }

        var offer = await offers.FindVersionedAsync(record!.OfferId, cancellationToken).ConfigureAwait(false);
        if (offer is null)
        {
            return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidGrant, "the offer of this pre-authorized code no longer exists");
        }
        if (offer.Value.Redeemed)
        {
            return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidGrant, "the pre-authorized code is unknown or was already used");
        }
        var granted = requested.Value.Count > 0 ? requested.Value : offer.Value.CredentialConfigurationIds;
        return await IssueAsync(offer, granted, requested.Value.Count > 0, form["client_id"].ToString(), jkt, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Outcome<TokenResponse>> AuthorizationCodeAsync(IFormCollection form, string? jkt, CancellationToken cancellationToken)
    {
        var code = form["code"].ToString();
        var verifier = form["code_verifier"].ToString();
        if (code.Length == 0)
        {
            return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidRequest, "code is required");
        }
        if (verifier.Length == 0)
        {
            return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidRequest, "code_verifier is required (PKCE)");
        }
        if (verifier.Length is < 43 or > 128 || verifier.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')))
        {
            return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidRequest, "code_verifier must be 43 to 128 unreserved characters");
        }
        // Spent whatever the checks below find: a failed PKCE check must not leave the code to guess at.
        var consumed = await authorizationCodes.ConsumeAsync(code, new ProtocolError(ErrorCodes.InvalidGrant, "the authorization code is unknown, expired or already used"), null, cancellationToken).ConfigureAwait(false);
        if (consumed.Failed)
        {
            return consumed.Error;
        }
        var record = consumed.Value;
        var request = record.Request;
        if (form["client_id"].ToString() != request.ClientId)
        {
            return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidGrant, "the authorization code was issued to another client");
        }
        if (form["redirect_uri"].ToString() != request.RedirectUri)
        {
            return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidGrant, "redirect_uri does not match the authorization request");
        }
        var challenge = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (!Secrets.FixedTimeEquals(challenge, request.CodeChallenge))
        {
            return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidGrant, "the PKCE code_verifier does not match the code_challenge");
        }
        if (request.DpopJkt is not null && request.DpopJkt != jkt)
        {
            return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidDpopProof, "the authorization code is bound to a DPoP key; prove possession of it");
        }
        var requested = AuthorizationDetails.Parse(form["authorization_details"].ToString(), catalog, endpoints.CredentialIssuer);
        if (requested.Failed)
        {
            return requested.Error;
        }
        // RFC 9396 6.1: the token request may narrow what was authorized, never widen it.
        if (requested.Value.Except(record.ApprovedConfigurationIds, StringComparer.Ordinal).FirstOrDefault() is { } notApproved)
        {
            return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidAuthorizationDetails, $"credential configuration '{notApproved}' was not authorized");
        }
        var granted = requested.Value.Count > 0 ? requested.Value : record.ApprovedConfigurationIds;
        var withDetails = requested.Value.Count > 0 || request.AuthorizationDetailIds.Count > 0;
        VersionedState<OfferRecord>? offer = null;
        if (record.OfferId is not null)
        {
            offer = await offers.FindVersionedAsync(record.OfferId, cancellationToken).ConfigureAwait(false);
            if (offer is null || offer.Value.Redeemed)
            {
                return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidGrant, "the offer of this authorization code was redeemed already or no longer exists");
            }
        }
        return await IssueAsync(offer, granted, withDetails, request.ClientId, jkt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The first token response of a grant. The tokens are written first; then, when the grant comes
    /// from an offer, the offer is redeemed under the ETag it was read with (and moves to
    /// <c>token_issued</c>). That write is the one that spends the grant: one offer is redeemed once,
    /// whichever grant and however many concurrent requests, and a failure before it spends nothing.
    /// </summary>
    private async Task<Outcome<TokenResponse>> IssueAsync(VersionedState<OfferRecord>? read, IReadOnlyList<string> configurationIds, bool withAuthorizationDetails, string? clientId, string? jkt, CancellationToken cancellationToken)
    {
        var offer = read?.Value;
        Dictionary<string, string>? identifiers = null;
        if (withAuthorizationDetails)
        {
            // One credential dataset per configuration: the identifier names it for this grant.
            identifiers = configurationIds.ToDictionary(id => $"{id}:{Secrets.NewHandle(9)}", id => id, StringComparer.Ordinal);
        }
        var grant = new AccessTokenRecord
        {
            OfferId = offer?.Id,
            CredentialConfigurationIds = configurationIds,
            Claims = offer?.Claims,
            SubjectId = offer?.SubjectId,
            CredentialIdentifiers = identifiers,
            ClientId = string.IsNullOrEmpty(clientId) ? null : clientId,
            DpopJkt = jkt,
            ExpiresAt = default,
        };
        var now = time.GetUtcNow();
        var (accessToken, access) = NewAccessToken(grant, now);
        var storeAccessToken = accessTokens.StoreAsync(accessToken, access, cancellationToken);
        string? familyId = null;
        string? refreshToken = null;
        var storeFamily = Task.CompletedTask;
        if (options.Value.RefreshTokenLifetimeSeconds > 0)
        {
            familyId = Secrets.NewHandle(16);
            refreshToken = RefreshTokenFamilyStore.NewToken(familyId);
            storeFamily = refreshFamilies.SaveAsync(familyId, new RefreshTokenFamily
            {
                Grant = grant,
                CurrentTokenHash = Secrets.Hash(refreshToken),
                ExpiresAt = now.AddSeconds(options.Value.RefreshTokenLifetimeSeconds),
                AccessTokens = [new IssuedAccessToken(Secrets.Hash(accessToken), access.ExpiresAt)],
            }, cancellationToken);
        }
        // The two writes are independent: they go to the state store together.
        await Task.WhenAll(storeAccessToken, storeFamily).ConfigureAwait(false);
        if (read is not null && !await offers.TryRedeemAsync(read, cancellationToken).ConfigureAwait(false))
        {
            // Another grant of the offer won. The tokens written were never handed out.
            await Task.WhenAll(
                accessTokens.RevokeAsync([Secrets.Hash(accessToken)], cancellationToken),
                familyId is null ? Task.CompletedTask : refreshFamilies.DeleteAsync(familyId, cancellationToken)).ConfigureAwait(false);
            return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidGrant, "the offer was redeemed already");
        }
        return Respond(accessToken, access, refreshToken);
    }

    /// <summary>
    /// The refresh token grant (RFC 6749 section 6): the same grant with a fresh access token. The
    /// refresh token is single use and rotated; the chain ends when the first one would have. A
    /// DPoP-bound refresh token needs a proof of its key (RFC 9449 section 5). A <c>scope</c> narrows
    /// the new access token to the configurations it names; a scope value not granted is refused with
    /// <c>invalid_scope</c>. The rotated refresh token keeps the whole grant, as section 6 requires.
    /// A rotated refresh token presented again, even by a request that lost a race to rotate it,
    /// revokes its family (RFC 9700 section 4.14.2): the live refresh token and the access tokens.
    /// A token the family never issued (or rotated too long ago to be remembered) is only refused.
    /// </summary>
    private async Task<Outcome<TokenResponse>> RefreshAsync(IFormCollection form, string? jkt, CancellationToken cancellationToken)
    {
        var token = form["refresh_token"].ToString();
        if (token.Length == 0)
        {
            return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidRequest, "refresh_token is required");
        }
        var unknown = new ProtocolError(ErrorCodes.InvalidGrant, "the refresh token is unknown, expired or already used");
        if (RefreshTokenFamilyStore.FamilyOf(token) is not { } familyId)
        {
            return unknown;
        }
        var read = await refreshFamilies.FindAsync(familyId, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (read is null || read.Value.Revoked || now >= read.Value.ExpiresAt)
        {
            return unknown;
        }
        var family = read.Value;
        var tokenHash = Secrets.Hash(token);
        if (!Secrets.FixedTimeEquals(family.CurrentTokenHash, tokenHash))
        {
            // Reuse only when the family issued and rotated this very token; the family id alone
            // proves nothing, and a guess must not let anyone revoke another wallet's grant.
            return family.Rotated(tokenHash) ? await RevokeFamilyAsync(familyId, cancellationToken).ConfigureAwait(false) : unknown;
        }
        var scope = form["scope"].ToString();
        if (Refusal(family.Grant, form["client_id"].ToString(), jkt, scope) is { } refusal)
        {
            return refusal;
        }
        // A bearer grant may become DPoP-bound when the wallet starts proving a key; never the reverse.
        var grant = family.Grant with { DpopJkt = jkt };
        var (accessToken, access) = NewAccessToken(Narrow(grant, scope), now);
        var refreshToken = RefreshTokenFamilyStore.NewToken(familyId);
        await accessTokens.StoreAsync(accessToken, access, cancellationToken).ConfigureAwait(false);

        // Live access tokens stay listed for revocation; past the cap the oldest is revoked now.
        var live = family.AccessTokens.Where(t => t.ExpiresAt > now).Append(new IssuedAccessToken(Secrets.Hash(accessToken), access.ExpiresAt)).ToList();
        var dropped = live.Count > MaxAccessTokensPerFamily ? live[..^MaxAccessTokensPerFamily] : [];
        var next = family.RotatedTo(Secrets.Hash(refreshToken)) with { Grant = grant, AccessTokens = live[dropped.Count..] };
        if (!await refreshFamilies.TryAdvanceAsync(familyId, read, next, cancellationToken).ConfigureAwait(false))
        {
            // Another request rotated this token first: two parties hold it.
            await accessTokens.RevokeAsync([Secrets.Hash(accessToken)], cancellationToken).ConfigureAwait(false);
            return await RevokeFamilyAsync(familyId, cancellationToken).ConfigureAwait(false);
        }
        if (dropped.Count > 0)
        {
            await accessTokens.RevokeAsync(dropped.Select(t => t.TokenHash).ToList(), cancellationToken).ConfigureAwait(false);
        }
        return Respond(accessToken, access, refreshToken);
    }

    /// <summary>How many live access tokens a refresh family keeps track of (and can revoke).</summary>
    private const int MaxAccessTokensPerFamily = 32;

    /// <summary>Revokes a refresh family whose rotated token came back, with its access tokens.</summary>
    private async Task<Outcome<TokenResponse>> RevokeFamilyAsync(string familyId, CancellationToken cancellationToken)
    {
        var family = await refreshFamilies.RevokeAsync(familyId, cancellationToken).ConfigureAwait(false);
        if (family is not null)
        {
            await accessTokens.RevokeAsync(family.AccessTokens.Select(t => t.TokenHash).ToList(), cancellationToken).ConfigureAwait(false);
        }
        return Outcome<TokenResponse>.Fail(ErrorCodes.InvalidGrant, "the refresh token was used already; the grant is revoked");
    }

    /// <summary>
    /// Why a refresh request may not use the grant: another client, no proof of the bound DPoP key,
    /// or a scope value naming none of the grant's configurations (<c>invalid_scope</c>). A refused
    /// request does not spend the refresh token: none of these proves the token leaked (a client_id
    /// is not authenticated here, and a DPoP-bound token is useless without its key), so a wallet's
    /// mistake costs it nothing and a third party cannot revoke the wallet's grant.
    /// </summary>
    private ProtocolError? Refusal(AccessTokenRecord grant, string clientId, string? jkt, string scope)
    {
        if (clientId.Length > 0 && grant.ClientId is not null && clientId != grant.ClientId)
        {
            return new ProtocolError(ErrorCodes.InvalidGrant, "the refresh token was issued to another client");
        }
        if (grant.DpopJkt is not null && grant.DpopJkt != jkt)
        {
            return new ProtocolError(ErrorCodes.InvalidDpopProof, "the refresh token is bound to a DPoP key; prove possession of it");
        }
        var ungranted = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(value => !catalog.IdsForScope(value).Intersect(grant.CredentialConfigurationIds, StringComparer.Ordinal).Any());
        return ungranted is null ? null : new ProtocolError(ErrorCodes.InvalidScope, $"scope '{ungranted}' was not granted to this refresh token");
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
            CredentialIdentifiers = grant.CredentialIdentifiers?
                .Where(pair => ids.Contains(pair.Value, StringComparer.Ordinal))
                .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
        };
    }

    /// <summary>A new access token handle and its record for <paramref name="grant"/>.</summary>
    private (string Token, AccessTokenRecord Record) NewAccessToken(AccessTokenRecord grant, DateTimeOffset now) =>
        (Secrets.NewHandle(), grant with { ExpiresAt = now.AddSeconds(options.Value.AccessTokenLifetimeSeconds) });

    private Outcome<TokenResponse> Respond(string accessToken, AccessTokenRecord access, string? refreshToken)
    {
        // One credential dataset, so one identifier, per configuration.
        var details = access.CredentialIdentifiers?
            .Select(pair => new TokenAuthorizationDetail(AuthorizationDetails.OpenIdCredential, pair.Value, [pair.Key]))
            .ToList();
        return Outcome<TokenResponse>.Success(new TokenResponse(accessToken, access.TokenType, options.Value.AccessTokenLifetimeSeconds, details, refreshToken));
    }
}
