namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>What an access token grants. The token itself is a random handle; this record is stored under its hash.</summary>
public sealed record AccessTokenRecord
{
    /// <summary>The offer the token was issued for (pre-authorized code, or <c>issuer_state</c>).</summary>
    public string? OfferId { get; init; }

    /// <summary>The credential configurations the token may be used for.</summary>
    public required IReadOnlyList<string> CredentialConfigurationIds { get; init; }

    /// <summary>
    /// <c>credential_identifiers</c> returned in the token response, each mapped to its configuration.
    /// When present, credential requests must use <c>credential_identifier</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? CredentialIdentifiers { get; init; }

    /// <summary>
    /// The offer's claims per configuration, copied at token time (they never change after the
    /// offer is created), so issuing needs no offer read.
    /// </summary>
    public IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Claims { get; init; }

    public string? SubjectId { get; init; }

    public string? ClientId { get; init; }

    /// <summary>How the client of the grant authenticated (null for records written before clients could; none).</summary>
    public string? ClientAuthentication { get; init; }

    /// <summary>The JWK thumbprint the token is bound to (RFC 9449 <c>cnf.jkt</c>), if DPoP was used.</summary>
    public string? DpopJkt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>How the token is presented and challenged: <c>DPoP</c> when bound to a key, else <c>Bearer</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string TokenType => DpopJkt is null ? "Bearer" : "DPoP";
}
