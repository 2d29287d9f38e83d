using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Credentials.SdJwt;

/// <summary>Issues SD-JWT VCs (<c>typ: dc+sd-jwt</c>) with disclosures, decoys and a <c>cnf</c> holder key.</summary>
public sealed class SdJwtIssuer(TimeProvider time)
{
    private static readonly HashSet<string> NeverDisclosable = new(StringComparer.Ordinal)
    {
        "/iss",
        "/vct",
        "/cnf",
        "/iat",
        "/exp",
        "/nbf",
        "/status",
        "/_sd",
        "/_sd_alg",
    };

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
                var childPointer =
                    pointer + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
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
