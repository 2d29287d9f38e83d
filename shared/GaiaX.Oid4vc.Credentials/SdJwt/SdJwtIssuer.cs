using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;

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

/// <summary>Issues SD-JWT VCs (<c>typ: dc+sd-jwt</c>) with disclosures, decoys and a <c>cnf</c> holder key.</summary>
public sealed class SdJwtIssuer(TimeProvider time)
{
    private static readonly HashSet<string> NeverDisclosable = new(StringComparer.Ordinal) { "/iss", "/vct", "/cnf", "/iat", "/exp", "/nbf", "/status", "/_sd", "/_sd_alg" };

    public string Issue(SdJwtIssueRequest request, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(key);
        var disclosable = new HashSet<string>(request.Disclosable, StringComparer.Ordinal);
        var forbidden = disclosable.FirstOrDefault(NeverDisclosable.Contains);
        if (forbidden is not null)
        {
            throw new ArgumentException($"The claim {forbidden} may not be selectively disclosable.", nameof(request));
        }
        var payload = request.Claims.DeepClone().AsObject();
        var disclosures = new List<Disclosure>();
        Conceal(payload, "", disclosable, request.DecoysPerObject, disclosures);
        if (disclosable.Count > 0)
        {
            throw new ArgumentException($"No claim at {string.Join(", ", disclosable)}.", nameof(request));
        }
        var now = time.GetUtcNow();
        var issuedAt = request.IssuedAt ?? now;
        if (issuedAt > now)
        {
            throw new ArgumentException("A credential is never issued in the future (IssuedAt).", nameof(request));
        }
        payload["iss"] = request.Issuer;
        payload["vct"] = request.Vct;
        payload["iat"] = issuedAt.ToUnixTimeSeconds();
        payload["exp"] = (issuedAt + request.Lifetime).ToUnixTimeSeconds();
        if (disclosures.Count > 0 || request.DecoysPerObject > 0)
        {
            payload["_sd_alg"] = "sha-256";
        }
        if (request.HolderKey is not null)
        {
            var holder = Jwk.ParsePublic(request.HolderKey);
            if (!holder.Succeeded)
            {
                throw new ArgumentException("The holder key is not a public JWK: " + holder.Error.Message, nameof(request));
            }
            holder.Value.Dispose();
            payload["cnf"] = new JsonObject { ["jwk"] = request.HolderKey.DeepClone() };
        }
        foreach (var (name, value) in request.AdditionalClaims ?? [])
        {
            payload[name] = value?.DeepClone();
        }
        var header = new JsonObject { ["typ"] = MediaTypes.SdJwtVc };
        if (request.UseX5c)
        {
            header["x5c"] = new JsonArray(key.X5c.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
        }
        var jwt = Jws.Create(header, payload, key);
        return jwt + "~" + string.Concat(disclosures.Select(d => d.Encoded + "~"));
    }

    // Depth first, so a nested disclosable claim is concealed inside its parent before the parent is.
    private static void Conceal(JsonNode node, string pointer, HashSet<string> disclosable, int decoys, List<Disclosure> disclosures)
    {
        if (node is JsonObject obj)
        {
            var digests = new List<string>();
            foreach (var name in obj.Select(p => p.Key).ToList())
            {
                var childPointer = pointer + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                var child = obj[name];
                if (child is not null)
                {
                    Conceal(child, childPointer, disclosable, decoys, disclosures);
                }
                if (disclosable.Remove(childPointer))
                {
                    obj.Remove(name);
                    var disclosure = Disclosure.Create(name, child);
                    disclosures.Add(disclosure);
                    digests.Add(disclosure.Digest);
                }
            }
            if (digests.Count > 0)
            {
                for (var i = 0; i < decoys; i++)
                {
                    digests.Add(Disclosure.Decoy());
                }
                // Sorted, so the order reveals nothing about the claims (RFC 9901 §4.2.4.1).
                digests.Sort(StringComparer.Ordinal);
                obj["_sd"] = new JsonArray(digests.Select(d => (JsonNode?)JsonValue.Create(d)).ToArray());
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var childPointer = pointer + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var child = array[i];
                if (child is not null)
                {
                    Conceal(child, childPointer, disclosable, decoys, disclosures);
                }
                if (disclosable.Remove(childPointer))
                {
                    array[i] = null;
                    var disclosure = Disclosure.Create(null, child);
                    disclosures.Add(disclosure);
                    array[i] = new JsonObject { ["..."] = disclosure.Digest };
                }
            }
        }
    }
}

/// <summary>The holder's side: choosing disclosures and adding a Key Binding JWT.</summary>
public static class SdJwtHolder
{
    /// <summary>
    /// Builds a presentation of <paramref name="issued"/> with the disclosures <paramref name="include"/>
    /// selects, and, when <paramref name="holderKey"/> is given, a KB-JWT over it (<c>nonce</c>,
    /// <c>aud</c>, <c>iat</c>, <c>sd_hash</c>).
    /// </summary>
    public static string Present(string issued, Func<Disclosure, bool> include, SigningKey? holderKey, string? nonce, string? audience, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(issued);
        ArgumentNullException.ThrowIfNull(include);
        var parts = issued.Split('~');
        var selected = parts.Skip(1).Where(p => p.Length > 0)
            .Where(p => Disclosure.Parse(p) is { Succeeded: true } d && include(d.Value));
        var presentation = parts[0] + "~" + string.Concat(selected.Select(d => d + "~"));
        if (holderKey is null)
        {
            return presentation;
        }
        var payload = new JsonObject
        {
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["aud"] = audience,
            ["nonce"] = nonce,
            ["sd_hash"] = Disclosure.DigestOf(presentation),
        };
        var header = new JsonObject { ["typ"] = MediaTypes.KbJwt };
        return presentation + Jws.Create(header, payload, holderKey);
    }
}
