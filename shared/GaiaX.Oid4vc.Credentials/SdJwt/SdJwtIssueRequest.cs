using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.Credentials.SdJwt;

/// <summary>What to put in an SD-JWT VC.</summary>
public sealed record SdJwtIssueRequest
{
    /// <summary>The credential's claims (without iss, iat, exp, cnf, _sd…; those are added).</summary>
    public required JsonObject Claims { get; init; }

    /// <summary>The credential type (<c>vct</c>).</summary>
    public required string Vct { get; init; }

    /// <summary>The issuer identifier (<c>iss</c>).</summary>
    public required string Issuer { get; init; }

    /// <summary>
    /// JSON Pointers (RFC 6901) of the claims made selectively disclosable, e.g. <c>/given_name</c>,
    /// <c>/address/street_address</c> (nested: the pointer's parent may itself be disclosable),
    /// <c>/nationalities/0</c> (an array element).
    /// </summary>
    public IReadOnlyCollection<string> Disclosable { get; init; } = [];

    /// <summary>Decoy digests added to every object that has disclosable claims (RFC 9901 §4.2.5).</summary>
    public int DecoysPerObject { get; init; }

    /// <summary>The holder's public JWK (<c>cnf.jwk</c>); null for an unbound credential.</summary>
    public JsonObject? HolderKey { get; init; }

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromDays(365);

    /// <summary>
    /// The <c>iat</c> to write (and the start of <see cref="Lifetime"/>); null means now. An issuer
    /// sets it to keep the credentials of a batch from sharing one exact timestamp (RFC 9901
    /// section 10.1); it may lie in the past, never in the future.
    /// </summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>Sign with an <c>x5c</c> header (the issuer key's certificate chain) instead of a <c>kid</c>.</summary>
    public bool UseX5c { get; init; }

    /// <summary>Extra always-visible claims (e.g. <c>status</c>).</summary>
    public JsonObject? AdditionalClaims { get; init; }
}
