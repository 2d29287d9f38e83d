using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Clients;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>
/// Verifies key attestations (OpenID4VCI 1.0 appendix D.1): <c>typ</c> <c>key-attestation+jwt</c>, signed by a trusted
/// wallet provider (<c>Issuer:KeyAttestation:Attesters</c>: a key of its JWKS by <c>kid</c>, or an <c>x5c</c> chain to
/// one of its trust anchors), <c>iat</c>, <c>exp</c> not passed (and present when the attestation rides in a
/// <c>jwt</c> proof), <c>attested_keys</c> public JWKs, and the attack-potential-resistance levels the credential
/// configuration asks for. Every failure is <c>invalid_proof</c>.
/// </summary>
public sealed class KeyAttestationValidator : IDisposable
{
    public const string HeaderName = "key_attestation";

    private readonly List<(ClientAttesterOptions Options, IJwsKeyResolver Keys)> _attesters = [];
    private readonly List<X509Certificate2> _anchors = [];
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;
    private readonly JwsPolicy _policy;
    private readonly int _maxKeys;

    public KeyAttestationValidator(IOptions<IssuerOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        var settings = options.Value;
        _maxAge = TimeSpan.FromSeconds(settings.KeyAttestation.MaxAgeSeconds);
        _maxKeys = settings.BatchSize;
        _policy = new JwsPolicy
        {
            AllowedTypes = new HashSet<string>(["key-attestation+jwt"], StringComparer.OrdinalIgnoreCase),
            RequireIssuedAt = true,
            ClockSkew = TimeSpan.FromSeconds(settings.ClockSkewSeconds),
            MaxTokenLength = 32 * 1024,
        };
        foreach (var attester in settings.KeyAttestation.Attesters)
        {
            _attesters.AddRange(AttesterKeys.Resolvers(attester, time, _anchors).Select(keys => (attester, keys)));
        }
    }

    /// <summary>Whether a wallet provider is trusted for key attestations.</summary>
    public bool HasAttesters => _attesters.Count > 0;

    /// <summary>
    /// The attested keys of <paramref name="attestation"/> if it verifies and meets <paramref name="requirement"/>;
    /// <paramref name="requireExpiration"/> for one carried in a <c>jwt</c> proof (appendix D.1).
    /// </summary>
    public async Task<Outcome<AttestedKeys>> ValidateAsync(
        string attestation,
        KeyAttestationRequirementOptions requirement,
        bool requireExpiration,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(attestation);
        ArgumentNullException.ThrowIfNull(requirement);
        if (_attesters.Count == 0)
        {
            return Fail("this issuer trusts no key attestation provider");
        }
        var policy = requireExpiration ? _policy with { RequireExpiration = true } : _policy;
        VerifiedJws? jws = null;
        ClientAttesterOptions? attester = null;
        var problem = "no trusted wallet provider's key verifies it";
        foreach (var (options, keys) in _attesters)
        {
            var verified = await Jws.VerifyAsync(attestation, policy, keys, _time, cancellationToken).ConfigureAwait(false);
            if (verified.Succeeded)
            {
                (jws, attester) = (verified.Value, options);
                break;
            }
            problem = verified.Error.Message;
        }
        if (jws is null || attester is null)
        {
            return Fail("the key attestation does not verify with a trusted wallet provider's key: " + problem);
        }
        if (attester.Issuer.Length > 0 && jws.Jws.PayloadString("iss") != attester.Issuer)
        {
            return Fail($"the key attestation's iss must be {attester.Issuer}");
        }
        var payload = jws.Payload;
        if (!payload.TryGetProperty("exp", out _))
        {
            var iat = payload.GetProperty("iat").GetDouble();
            if (iat < (_time.GetUtcNow() - _maxAge).ToUnixTimeSeconds())
            {
                return Fail("the key attestation has no exp and is older than this issuer accepts");
            }
        }
        var levels = CheckLevel(payload, "key_storage", requirement.KeyStorage)
            ?? CheckLevel(payload, "user_authentication", requirement.UserAuthentication);
        if (levels is not null)
        {
            return Fail(levels);
        }
        if (
            !payload.TryGetProperty("attested_keys", out var attested)
            || attested.ValueKind != JsonValueKind.Array
            || attested.GetArrayLength() == 0
        )
        {
            return Fail("the key attestation's attested_keys must be a non-empty array of JWKs");
        }
        if (attested.GetArrayLength() > _maxKeys)
        {
            return Fail($"the key attestation attests more than {_maxKeys} keys (batch_size)");
        }
        var keysOut = new List<HolderKey>();
        foreach (var element in attested.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return Fail("each attested key is a JWK object");
            }
            var parsed = Jwk.ParsePublic(JsonNode.Parse(element.GetRawText())!.AsObject());
            if (!parsed.Succeeded)
            {
                return Fail("an attested key is not an accepted public JWK: " + parsed.Error.Message);
            }
            using var key = parsed.Value;
            keysOut.Add(new HolderKey(HolderJwk.FromKey(key), key.Thumbprint(), null));
        }
        if (keysOut.Select(k => k.Thumbprint).Distinct(StringComparer.Ordinal).Count() != keysOut.Count)
        {
            return Fail("the key attestation attests the same key twice");
        }
        var nonce =
            payload.TryGetProperty("nonce", out var nonceValue) && nonceValue.ValueKind == JsonValueKind.String
                ? nonceValue.GetString()
                : null;
        return Outcome<AttestedKeys>.Success(new AttestedKeys(keysOut, nonce));
    }

    public void Dispose()
    {
        foreach (var anchor in _anchors)
        {
            anchor.Dispose();
        }
    }

    /// <summary>Null when <paramref name="accepted"/> is empty or the attestation asserts one of its values.</summary>
    private static string? CheckLevel(JsonElement payload, string claim, List<string> accepted)
    {
        if (accepted.Count == 0)
        {
            return null;
        }
        var asserted =
            payload.TryGetProperty(claim, out var values) && values.ValueKind == JsonValueKind.Array
                ? values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)
                : [];
        return asserted.Any(accepted.Contains) ? null : $"the key attestation's {claim} must include one of {string.Join(", ", accepted)}";
    }

    private static Outcome<AttestedKeys> Fail(string description) =>
        Outcome<AttestedKeys>.Fail(ErrorCodes.InvalidProof, "key attestation: " + description);
}
