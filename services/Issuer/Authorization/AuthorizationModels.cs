using System.Text.Json;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Issuer.Authorization;

/// <summary>A validated authorization request (from <c>/par</c>, or directly at <c>/authorize</c>).</summary>
public sealed record AuthorizationRequest
{
    public required string ClientId { get; init; }

    public required string RedirectUri { get; init; }

    public required string CodeChallenge { get; init; }

    public string? State { get; init; }

    public string? IssuerState { get; init; }

    public string? Scope { get; init; }

    /// <summary>Configuration ids requested through <c>authorization_details</c> (type <c>openid_credential</c>).</summary>
    public IReadOnlyList<string> AuthorizationDetailIds { get; init; } = [];

    /// <summary>Configuration ids requested through <c>scope</c>.</summary>
    public IReadOnlyList<string> ScopeIds { get; init; } = [];

    /// <summary>The DPoP key the code is bound to (<c>dpop_jkt</c>, or the DPoP proof sent to <c>/par</c>).</summary>
    public string? DpopJkt { get; init; }
}

/// <summary>An authorization code: what it grants and what the token request must repeat.</summary>
public sealed record AuthorizationCodeRecord
{
    public required AuthorizationRequest Request { get; init; }

    /// <summary>The configurations the End-User (or resolver) approved.</summary>
    public required IReadOnlyList<string> ApprovedConfigurationIds { get; init; }

    public string? OfferId { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>Authorization codes: single-use, short-lived, stored under their hash.</summary>
public sealed class AuthorizationCodeStore(IDaprStateStore state, TimeProvider time)
    : SingleUseStore<AuthorizationCodeRecord>(state, time, "authorization-code:", record => record.ExpiresAt);

/// <summary>Pushed authorization requests (RFC 9126) by <c>request_uri</c>, each usable once.</summary>
public interface IPushedAuthorizationRequestStore
{
    Task StoreAsync(string requestUri, AuthorizationRequest request, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>
    /// The pushed request, consumed, when <paramref name="clientId"/> is the client that pushed it.
    /// The client is checked before anything is spent: a request naming another client fails with
    /// <c>invalid_request</c> and leaves the <c>request_uri</c> to its wallet. Unknown, expired or
    /// used: <c>invalid_request_uri</c>. Of concurrent callers exactly one gets the request.
    /// </summary>
    Task<Outcome<AuthorizationRequest>> ConsumeAsync(string requestUri, string clientId, CancellationToken cancellationToken);
}

public sealed class PushedAuthorizationRequestStore(IDaprStateStore state, TimeProvider time) : IPushedAuthorizationRequestStore
{
    public Task StoreAsync(string requestUri, AuthorizationRequest request, TimeSpan lifetime, CancellationToken cancellationToken) =>
        state.SaveAsync(Key(requestUri), new Entry(request, time.GetUtcNow() + lifetime), lifetime, cancellationToken);

    public async Task<Outcome<AuthorizationRequest>> ConsumeAsync(string requestUri, string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        var unknown = new ProtocolError(ErrorCodes.InvalidRequestUri, "the request_uri is unknown, expired or already used");
        if (requestUri.Length > Secrets.MaxHandleLength)
        {
            return unknown;
        }
        var entry = await state.GetVersionedAsync<Entry>(Key(requestUri), cancellationToken).ConfigureAwait(false);
        if (entry is null || time.GetUtcNow() >= entry.Value.ExpiresAt)
        {
            return unknown;
        }
        if (clientId != entry.Value.Request.ClientId)
        {
            return new ProtocolError(ErrorCodes.InvalidRequest, "client_id does not match the pushed authorization request");
        }
        // First delete wins: of concurrent callers one gets the request.
        return await state.TryDeleteAsync(Key(requestUri), entry.ETag, cancellationToken).ConfigureAwait(false)
            ? Outcome<AuthorizationRequest>.Success(entry.Value.Request)
            : unknown;
    }

    private static string Key(string requestUri) => "par:" + Secrets.Hash(requestUri);

    private sealed record Entry(AuthorizationRequest Request, DateTimeOffset ExpiresAt);
}

/// <summary>Parses <c>authorization_details</c> (RFC 9396) of type <c>openid_credential</c>.</summary>
public static class AuthorizationDetails
{
    public const string OpenIdCredential = "openid_credential";

    /// <summary>
    /// The credential configuration ids requested, each known to <paramref name="catalog"/>. The
    /// <c>locations</c>, when present, must name this Credential Issuer.
    /// </summary>
    public static Outcome<IReadOnlyList<string>> Parse(string? value, CredentialConfigurationCatalog catalog, string credentialIssuer)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (string.IsNullOrEmpty(value))
        {
            return Outcome<IReadOnlyList<string>>.Success([]);
        }
        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
            {
                return Invalid("authorization_details must be a non-empty JSON array");
            }
            var ids = new List<string>();
            foreach (var detail in document.RootElement.EnumerateArray())
            {
                if (detail.ValueKind != JsonValueKind.Object || !detail.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                {
                    return Invalid("each authorization_details entry must be an object with a type");
                }
                if (type.GetString() != OpenIdCredential)
                {
                    return Invalid($"authorization_details type '{type.GetString()}' is not supported");
                }
                if (!detail.TryGetProperty("credential_configuration_id", out var id) || id.ValueKind != JsonValueKind.String)
                {
                    return Invalid("an openid_credential authorization detail needs a credential_configuration_id");
                }
                if (catalog.Find(id.GetString()) is null)
                {
                    return Invalid($"credential configuration '{id.GetString()}' is not supported");
                }
                if (detail.TryGetProperty("locations", out var locations)
                    && (locations.ValueKind != JsonValueKind.Array || !locations.EnumerateArray().Any(l => l.ValueKind == JsonValueKind.String && l.GetString() == credentialIssuer)))
                {
                    return Invalid("authorization_details locations must name this credential issuer");
                }
                ids.Add(id.GetString()!);
            }
            return Outcome<IReadOnlyList<string>>.Success(ids.Distinct(StringComparer.Ordinal).ToArray());
        }
        catch (JsonException)
        {
            return Invalid("authorization_details is not valid JSON");
        }
    }

    private static Outcome<IReadOnlyList<string>> Invalid(string description) =>
        Outcome<IReadOnlyList<string>>.Fail(ErrorCodes.InvalidAuthorizationDetails, description);
}
