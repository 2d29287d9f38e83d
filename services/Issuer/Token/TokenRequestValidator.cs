using System.Security.Cryptography;
using System.Text;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Authorization;
using GaiaX.Oid4vc.Issuer.Clients;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Offers;
using GaiaX.Oid4vc.Issuer.Protocol;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>
/// The rules of a token request (RFC 6749 sections 4.1.3, 6 and OpenID4VCI 1.0 section 6.1): the client authenticates
/// (<see cref="ClientAuthenticator"/>; a code or refresh token of an authenticated client needs the same client, authenticated
/// the same way), no repeated parameters, an optional DPoP proof, then the rules of the grant type:
/// the pre-authorized code (with transaction code and lockout), the authorization code (PKCE S256)
/// and the refresh token. Checking a code spends what the grant's rules say it spends (a wrong
/// transaction code counts, an authorization code is consumed whatever follows); the grant itself is
/// spent only by <see cref="TokenResponseGenerator"/>, after the tokens are written.
/// </summary>
public sealed class TokenRequestValidator(
    IPreAuthorizedCodeStore preAuthorizedCodes,
    ISingleUseStore<AuthorizationCodeRecord> authorizationCodes,
    IRefreshTokenFamilyStore refreshFamilies,
    IAccessTokenStore accessTokens,
    IOfferStore offers,
    CredentialConfigurationCatalog catalog,
    DpopProofValidator dpop,
    ClientAuthenticator clients,
    IssuerEndpoints endpoints,
    IOptions<IssuerOptions> options,
    TimeProvider time
)
{
    /// <summary>The token request parameters this endpoint reads (others are ignored, RFC 6749 section 3.2).</summary>
    public static IReadOnlySet<string> DefinedParameters { get; } =
        new HashSet<string>(StringComparer.Ordinal)
        {
            "grant_type",
            "pre-authorized_code",
            "tx_code",
            "code",
            "code_verifier",
            "redirect_uri",
            "client_id",
            "authorization_details",
            "scope",
            "refresh_token",
        };

    public async Task<Outcome<ValidatedTokenRequest>> ValidateAsync(TokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var form = request.Parameters;
        var authenticated = await clients.AuthenticateAsync(form, request.Client, endpoints.Token, cancellationToken).ConfigureAwait(false);
        if (authenticated.Failed)
        {
            return authenticated.Error;
        }
        var client = authenticated.Value!;
        foreach (var name in form.Repeated.Keys)
        {
            // RFC 6749 section 3.2 forbids repeating the parameters it defines; others (resource may
            // repeat, RFC 8707) are ignored as section 6.1 of OpenID4VCI requires.
            if (DefinedParameters.Contains(name))
            {
                return Fail(ErrorCodes.InvalidRequest, $"parameter {name} is repeated");
            }
        }
        string? jkt = null;
        if (request.DpopProofs.Count > 1)
        {
            return Fail(ErrorCodes.InvalidDpopProof, "exactly one DPoP header is allowed");
        }
        if (request.DpopProofs.Count == 0 && options.Value.RequireDpop)
        {
            return Fail(ErrorCodes.InvalidDpopProof, "this server issues DPoP-bound tokens only: send a DPoP proof (RFC 9449)");
        }
        if (request.DpopProofs.Count == 1)
        {
            var proof = await dpop.ValidateAsync(request.DpopProofs[0], "POST", endpoints.Token, null, cancellationToken)
                .ConfigureAwait(false);
            if (proof.Failed)
            {
                return proof.Error;
            }
            jkt = proof.Value;
        }
        return form["grant_type"] switch
        {
            GrantTypes.PreAuthorizedCode => await PreAuthorizedCodeAsync(form, client, jkt, cancellationToken).ConfigureAwait(false),
            GrantTypes.AuthorizationCode => await AuthorizationCodeAsync(form, client, jkt, cancellationToken).ConfigureAwait(false),
            GrantTypes.RefreshToken when options.Value.RefreshTokenLifetimeSeconds > 0 => await RefreshTokenAsync(
                    form,
                    client,
                    jkt,
                    cancellationToken
                )
                .ConfigureAwait(false),
            "" => Fail(ErrorCodes.InvalidRequest, "grant_type is required"),
            var other => Fail(ErrorCodes.UnsupportedGrantType, $"grant type {other} is not supported"),
        };
    }

    private async Task<Outcome<ValidatedTokenRequest>> PreAuthorizedCodeAsync(
        RequestParameters form,
        AuthenticatedClient client,
        string? jkt,
        CancellationToken cancellationToken
    )
    {
        var code = form["pre-authorized_code"];
        if (code.Length == 0)
        {
            return Fail(ErrorCodes.InvalidRequest, "pre-authorized_code is required");
        }
        var transactionCode = form.Contains("tx_code") ? form["tx_code"] : null;
        var settings = options.Value;
        var requested = AuthorizationDetails.Parse(form["authorization_details"], catalog, endpoints.CredentialIssuer);
        if (requested.Failed)
        {
            return requested.Error;
        }
        var (result, record, offerRead) = await preAuthorizedCodes
            .VerifyAsync(code, transactionCode, requested.Value, settings.MaxTransactionCodeAttempts, time.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false);
        switch (result)
        {
            case PreAuthorizedCodeRedemption.NotOffered:
                var notOffered = requested.Value.Except(record!.CredentialConfigurationIds, StringComparer.Ordinal).First();
                return Fail(ErrorCodes.InvalidAuthorizationDetails, $"credential configuration '{notOffered}' is not in the offer");
            case PreAuthorizedCodeRedemption.Unknown:
                return Fail(ErrorCodes.InvalidGrant, "the pre-authorized code is unknown or was already used");
            case PreAuthorizedCodeRedemption.Expired:
                return Fail(ErrorCodes.InvalidGrant, "the pre-authorized code has expired");
            case PreAuthorizedCodeRedemption.LockedOut:
                return Fail(ErrorCodes.InvalidGrant, "the pre-authorized code is no longer valid: too many wrong transaction codes");
            case PreAuthorizedCodeRedemption.TransactionCodeMissing:
                return Fail(ErrorCodes.InvalidRequest, "this offer requires a transaction code (tx_code)");
            case PreAuthorizedCodeRedemption.TransactionCodeUnexpected:
                return Fail(ErrorCodes.InvalidRequest, "this offer does not use a transaction code; do not send tx_code");
            case PreAuthorizedCodeRedemption.TransactionCodeWrong:
                var left = settings.MaxTransactionCodeAttempts - record!.FailedAttempts;
                return Fail(ErrorCodes.InvalidGrant, $"the transaction code is wrong ({left} attempt(s) left)");
        }

        var offer = offerRead ?? await offers.FindVersionedAsync(record!.OfferId, cancellationToken).ConfigureAwait(false);
        if (offer is null)
        {
            return Fail(ErrorCodes.InvalidGrant, "the offer of this pre-authorized code no longer exists");
        }
        if (offer.Value.Redeemed)
        {
            return Fail(ErrorCodes.InvalidGrant, "the pre-authorized code is unknown or was already used");
        }
        var granted = requested.Value.Count > 0 ? requested.Value : offer.Value.CredentialConfigurationIds;
        return Success(
            new ValidatedCodeGrantRequest(offer, granted, requested.Value.Count > 0, client.ClientId, jkt)
            {
                ClientAuthentication = client.Method,
            }
        );
    }

    private async Task<Outcome<ValidatedTokenRequest>> AuthorizationCodeAsync(
        RequestParameters form,
        AuthenticatedClient client,
        string? jkt,
        CancellationToken cancellationToken
    )
    {
        var code = form["code"];
        var verifier = form["code_verifier"];
        if (code.Length == 0)
        {
            return Fail(ErrorCodes.InvalidRequest, "code is required");
        }
        if (verifier.Length == 0)
        {
            return Fail(ErrorCodes.InvalidRequest, "code_verifier is required (PKCE)");
        }
        if (verifier.Length is < 43 or > 128 || verifier.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')))
        {
            return Fail(ErrorCodes.InvalidRequest, "code_verifier must be 43 to 128 unreserved characters");
        }
        // Spent whatever the checks below find: a failed PKCE check must not leave the code to guess at.
        var consumed = await authorizationCodes
            .ConsumeAsync(
                code,
                new ProtocolError(ErrorCodes.InvalidGrant, "the authorization code is unknown, expired or already used"),
                null,
                cancellationToken
            )
            .ConfigureAwait(false);
        if (consumed.Failed)
        {
            return consumed.Error;
        }
        var record = consumed.Value;
        var request = record.Request;
        if (client.ClientId != request.ClientId)
        {
            return Fail(ErrorCodes.InvalidGrant, "the authorization code was issued to another client");
        }
        if (request.ClientAuthentication != ClientAuthenticationMethods.None && client.Method != request.ClientAuthentication)
        {
            return Fail(
                ErrorCodes.InvalidClient,
                $"the authorization code was issued to a client that authenticated with {request.ClientAuthentication}; do so again"
            );
        }
        if (form["redirect_uri"] != request.RedirectUri)
        {
            return Fail(ErrorCodes.InvalidGrant, "redirect_uri does not match the authorization request");
        }
        var challenge = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (!Secrets.FixedTimeEquals(challenge, request.CodeChallenge))
        {
            return Fail(ErrorCodes.InvalidGrant, "the PKCE code_verifier does not match the code_challenge");
        }
        if (request.DpopJkt is not null && request.DpopJkt != jkt)
        {
            return Fail(ErrorCodes.InvalidDpopProof, "the authorization code is bound to a DPoP key; prove possession of it");
        }
        var requested = AuthorizationDetails.Parse(form["authorization_details"], catalog, endpoints.CredentialIssuer);
        if (requested.Failed)
        {
            return requested.Error;
        }
        // RFC 9396 6.1: the token request may narrow what was authorized, never widen it.
        if (requested.Value.Except(record.ApprovedConfigurationIds, StringComparer.Ordinal).FirstOrDefault() is { } notApproved)
        {
            return Fail(ErrorCodes.InvalidAuthorizationDetails, $"credential configuration '{notApproved}' was not authorized");
        }
        var granted = requested.Value.Count > 0 ? requested.Value : record.ApprovedConfigurationIds;
        var withDetails = requested.Value.Count > 0 || request.AuthorizationDetailIds.Count > 0;
        VersionedState<OfferRecord>? offer = null;
        if (record.OfferId is not null)
        {
            offer = await offers.FindVersionedAsync(record.OfferId, cancellationToken).ConfigureAwait(false);
            if (offer is null || offer.Value.Redeemed)
            {
                return Fail(ErrorCodes.InvalidGrant, "the offer of this authorization code was redeemed already or no longer exists");
            }
        }
        return Success(
            new ValidatedCodeGrantRequest(offer, granted, withDetails, request.ClientId, jkt) { ClientAuthentication = client.Method }
        );
    }

    /// <summary>
    /// The refresh token grant (RFC 6749 section 6). The refresh token is single use and rotated by
    /// <see cref="TokenResponseGenerator"/>; the chain ends when the first one would have. A
    /// DPoP-bound refresh token needs a proof of its key (RFC 9449 section 5). A rotated refresh
    /// token presented again revokes its family (RFC 9700 section 4.14.2): the live refresh token
    /// and the access tokens. A token the family never issued (or rotated too long ago to be
    /// remembered) is only refused.
    /// </summary>
    private async Task<Outcome<ValidatedTokenRequest>> RefreshTokenAsync(
        RequestParameters form,
        AuthenticatedClient client,
        string? jkt,
        CancellationToken cancellationToken
    )
    {
        var token = form["refresh_token"];
        if (token.Length == 0)
        {
            return Fail(ErrorCodes.InvalidRequest, "refresh_token is required");
        }
        var unknown = new ProtocolError(ErrorCodes.InvalidGrant, "the refresh token is unknown, expired or already used");
        if (RefreshTokenFamilyStore.FamilyOf(token) is not { } familyId)
        {
            return unknown;
        }
        var read = await refreshFamilies.FindAsync(familyId, cancellationToken).ConfigureAwait(false);
        if (read is null || read.Value.Revoked || time.GetUtcNow() >= read.Value.ExpiresAt)
        {
            return unknown;
        }
        var family = read.Value;
        var tokenHash = Secrets.Hash(token);
        if (!Secrets.FixedTimeEquals(family.CurrentTokenHash, tokenHash))
        {
            // Reuse only when the family issued and rotated this very token; the family id alone
            // proves nothing, and a guess must not let anyone revoke another wallet's grant.
            return family.Rotated(tokenHash)
                ? await RefreshTokenReuse
                    .RevokeFamilyAsync(refreshFamilies, accessTokens, familyId, cancellationToken)
                    .ConfigureAwait(false)
                : unknown;
        }
        var scope = form["scope"];
        if (Refusal(family.Grant, client, jkt, scope) is { } refusal)
        {
            return refusal;
        }
        return Success(new ValidatedRefreshTokenRequest(familyId, read, scope, jkt));
    }

    /// <summary>
    /// Why a refresh request may not use the grant: another client, no proof of the bound DPoP key,
    /// or a scope value naming none of the grant's configurations (<c>invalid_scope</c>). A refused
    /// request does not spend the refresh token: none of these proves the token leaked (a public client's client_id is
    /// not authenticated, and a DPoP-bound token is useless without its key), so a wallet's mistake costs it nothing and a
    /// third party cannot revoke the wallet's grant. The grant of an authenticated client needs that client, authenticated
    /// the same way (<c>invalid_client</c>).
    /// </summary>
    private ProtocolError? Refusal(AccessTokenRecord grant, AuthenticatedClient client, string? jkt, string scope)
    {
        if (grant.ClientAuthentication is { } method && method != ClientAuthenticationMethods.None)
        {
            if (client.Method != method || client.ClientId != grant.ClientId)
            {
                return new ProtocolError(
                    ErrorCodes.InvalidClient,
                    $"the refresh token was issued to client {grant.ClientId}, which authenticated with {method}; do so again"
                );
            }
        }
        else if (client.ClientId.Length > 0 && grant.ClientId is not null && client.ClientId != grant.ClientId)
        {
            return new ProtocolError(ErrorCodes.InvalidGrant, "the refresh token was issued to another client");
        }
        if (grant.DpopJkt is not null && grant.DpopJkt != jkt)
        {
            return new ProtocolError(ErrorCodes.InvalidDpopProof, "the refresh token is bound to a DPoP key; prove possession of it");
        }
        var ungranted = scope
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(value => !catalog.IdsForScope(value).Intersect(grant.CredentialConfigurationIds, StringComparer.Ordinal).Any());
        return ungranted is null
            ? null
            : new ProtocolError(ErrorCodes.InvalidScope, $"scope '{ungranted}' was not granted to this refresh token");
    }

    private static Outcome<ValidatedTokenRequest> Success(ValidatedTokenRequest request) => Outcome<ValidatedTokenRequest>.Success(request);

    private static Outcome<ValidatedTokenRequest> Fail(string error, string description) =>
        Outcome<ValidatedTokenRequest>.Fail(error, description);
}
