using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Issuer.Token;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.Extensions.Primitives;

namespace GaiaX.Oid4vc.Issuer;

/// <summary>
/// The HTTP half of the protocol endpoints: reads a request into the plain models the validators
/// take (<see cref="RequestParameters"/>, <see cref="ProtectedResourceRequest"/>, a JSON body), so
/// that nothing below an endpoint sees ASP.NET Core's request types.
/// </summary>
public static class ProtocolRequests
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoRepeats = new Dictionary<string, IReadOnlyList<string>>(
        StringComparer.OrdinalIgnoreCase
    );

    /// <summary>A form-encoded body as <see cref="RequestParameters"/>.</summary>
    public static RequestParameters ReadParameters(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return ReadParameters(form, form.Count);
    }

    /// <summary>A query string as <see cref="RequestParameters"/>.</summary>
    public static RequestParameters ReadParameters(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadParameters(query, query.Count);
    }

    /// <summary>
    /// One pass, one dictionary; a second only when a name is repeated. Names compare ignoring case,
    /// as ASP.NET Core's form and query collections do.
    /// </summary>
    private static RequestParameters ReadParameters(IEnumerable<KeyValuePair<string, StringValues>> collection, int count)
    {
        var values = new Dictionary<string, string>(count, StringComparer.OrdinalIgnoreCase);
        Dictionary<string, IReadOnlyList<string>>? repeated = null;
        foreach (var (name, value) in collection)
        {
            values[name] = value.ToString();
            if (value.Count > 1)
            {
                (repeated ??= new(StringComparer.OrdinalIgnoreCase))[name] = HeaderValues(value);
            }
        }
        return new RequestParameters(values, repeated ?? NoRepeats);
    }

    /// <summary>Every value of a header (or parameter) as sent; no allocation when there is none.</summary>
    public static IReadOnlyList<string> HeaderValues(StringValues values) => values.Count == 0 ? [] : (string[])values.ToArray()!;

    /// <summary>
    /// A back-channel client request (token, pushed authorization) as its plain model, made by
    /// <paramref name="create"/> from the form, the <c>Authorization</c> header (empty when absent)
    /// and every <c>DPoP</c> header value; null when the body is not form-encoded.
    /// </summary>
    public static async Task<T?> ReadClientFormAsync<T>(
        this HttpRequest request,
        Func<RequestParameters, Clients.ClientCredentials, IReadOnlyList<string>, T> create,
        CancellationToken cancellationToken
    )
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(create);
        if (!request.HasFormContentType)
        {
            return null;
        }
        var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        return create(
            ReadParameters(form),
            new Clients.ClientCredentials(
                request.Headers.Authorization.ToString(),
                HeaderValues(request.Headers[Clients.ClientAuthenticationMethods.AttestationHeader]),
                HeaderValues(request.Headers[Clients.ClientAuthenticationMethods.AttestationPopHeader])
            ),
            HeaderValues(request.Headers[DpopProofValidator.HeaderName])
        );
    }

    /// <summary>
    /// What the access token validator needs of a request to a protected endpoint. The URL is the
    /// public one (<c>Issuer:PublicBaseUrl</c> and the path), which a wallet's DPoP proof names.
    /// </summary>
    public static ProtectedResourceRequest ReadProtectedResourceRequest(this HttpRequest request, IssuerEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(endpoints);
        return new ProtectedResourceRequest(
            HeaderValues(request.Headers.Authorization),
            HeaderValues(request.Headers[DpopProofValidator.HeaderName]),
            request.Method,
            endpoints.Url(request.Path.Value ?? string.Empty)
        );
    }

    /// <summary>
    /// Authenticates the access token of a request to a protected endpoint, then reads its
    /// <c>application/json</c> object body through <see cref="JsonRequestBody"/>; anything else
    /// (malformed, too deep, repeated members, text that is not Unicode) is the request's error.
    /// </summary>
    public static async Task<AuthenticatedJsonRequest> ReadAuthenticatedJsonAsync(
        this HttpRequest request,
        AccessTokenValidator tokens,
        IssuerEndpoints endpoints,
        string errorCode,
        CancellationToken cancellationToken,
        Func<string, Outcome<byte[]>>? decryptJwt = null
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tokens);
        var token = await tokens.ValidateAsync(request.ReadProtectedResourceRequest(endpoints), cancellationToken).ConfigureAwait(false);
        if (token.Failed)
        {
            return new AuthenticatedJsonRequest(null, null, token.Error);
        }
        JsonDocument? document;
        string? problem;
        var encrypted = decryptJwt is not null && IsJwt(request.ContentType);
        if (encrypted)
        {
            using var reader = new StreamReader(request.Body);
            var decrypted = decryptJwt!(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
            if (decrypted.Failed)
            {
                return new AuthenticatedJsonRequest(null, null, decrypted.Error);
            }
            (document, problem) = JsonRequestBody.Parse(decrypted.Value);
        }
        else if (!JsonRequestBody.IsJson(request.ContentType))
        {
            var expected = decryptJwt is null ? "application/json" : "application/json or, encrypted, application/jwt";
            return new AuthenticatedJsonRequest(null, null, new ProtocolError(errorCode, $"the request body must be {expected}"));
        }
        else
        {
            (document, problem) = await JsonRequestBody.ParseAsync(request.Body, cancellationToken).ConfigureAwait(false);
        }
        if (document is null)
        {
            return new AuthenticatedJsonRequest(null, null, new ProtocolError(errorCode, problem!));
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return new AuthenticatedJsonRequest(null, null, new ProtocolError(errorCode, "the request body must be a JSON object"));
        }
        return new AuthenticatedJsonRequest(token.Value, document, null, encrypted);
    }

    private static bool IsJwt(string? contentType) =>
        contentType is not null
        && (
            contentType.Equals("application/jwt", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/jwt;", StringComparison.OrdinalIgnoreCase)
        );
}
