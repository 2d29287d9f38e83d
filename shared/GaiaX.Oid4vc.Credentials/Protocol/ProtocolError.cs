namespace GaiaX.Oid4vc.Credentials.Protocol;

/// <summary>
/// An OAuth 2.0 / OpenID4VC error as the protocols name it: <c>error</c> (one of
/// <see cref="ErrorCodes"/>), <c>error_description</c> and the HTTP status the endpoint answers with.
/// Validators and generators return it as plain data; only the endpoint turns it into a response.
/// </summary>
public sealed record ProtocolError(string Error, string? Description = null, int StatusCode = 400)
{
    /// <summary>For 503 answers: when the client should try again (<c>Retry-After</c>, whole seconds).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>For 401 answers: the <c>WWW-Authenticate</c> scheme (<c>Bearer</c> or <c>DPoP</c>).</summary>
    public string? AuthenticateScheme { get; init; }

    /// <summary>A fresh DPoP nonce for the client's next proof (<c>DPoP-Nonce</c> header, RFC 9449 section 8).</summary>
    public string? DpopNonce { get; init; }

    /// <summary>A fresh client attestation challenge (<c>OAuth-Client-Attestation-Challenge</c> header).</summary>
    public string? AttestationChallenge { get; init; }

    /// <summary>
    /// The request carried no credentials: the challenge names the scheme only, without an error
    /// code (RFC 6750 section 3.1); the body still explains.
    /// </summary>
    public bool ChallengeOnly { get; init; }

    /// <summary>An <c>invalid_request</c> with status 400, the most common refusal.</summary>
    public static ProtocolError InvalidRequest(string description) => new(ErrorCodes.InvalidRequest, description);
}
