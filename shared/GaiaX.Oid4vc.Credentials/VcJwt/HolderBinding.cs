using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Credentials.VcJwt;

/// <summary>
/// Whether a VC-JWT is presented by the holder it is bound to (OpenID4VP 1.0 sections 8.6 and
/// 14.1.2): a signature over a presentation proves possession only of the presenter's own key, so
/// a credential bound to another key or DID must not travel in it. The binding is, in this order:
/// <c>cnf.jwk</c> / <c>cnf.jkt</c> (RFC 7800; the presenter's key must be that key; it wins over
/// the subject, which an offer may name), else a DID <c>credentialSubject.id</c> (the presenter
/// must be that DID, its key taken from that DID's document; a did:jwk subject is compared by key).
/// </summary>
public static class HolderBinding
{
    public static HolderBindingResult Check(JsonElement credential, string? presenterDid, VerificationKey presenterKey)
    {
        ArgumentNullException.ThrowIfNull(presenterKey);
        if (credential.ValueKind != JsonValueKind.Object)
        {
            return new(HolderBindingOutcome.Mismatch, "the credential is not a JSON object");
        }
        if (credential.TryGetProperty("cnf", out var cnf))
        {
            return CheckConfirmation(cnf, presenterKey);
        }

        var subjects = SubjectDids(credential).ToList();
        if (subjects.Count == 0)
        {
            return new(HolderBindingOutcome.Unbound, "the credential names no holder (no cnf and no DID credentialSubject.id)");
        }
        foreach (var subject in subjects)
        {
            if (presenterDid is not null && string.Equals(subject, presenterDid, StringComparison.Ordinal))
            {
                return new(HolderBindingOutcome.Bound);
            }
            if (
                DidJwkThumbprint(subject) is { } thumbprint
                && string.Equals(thumbprint, presenterKey.Thumbprint(), StringComparison.Ordinal)
            )
            {
                return new(HolderBindingOutcome.Bound);
            }
        }
        return new(
            HolderBindingOutcome.Mismatch,
            $"the credential's subject is {string.Join(" or ", subjects.Select(Short))} but the presentation is signed by "
                + $"{Short(presenterDid ?? "another key")}"
        );
    }

    private static HolderBindingResult CheckConfirmation(JsonElement cnf, VerificationKey presenterKey)
    {
        if (
            cnf.ValueKind == JsonValueKind.Object
            && cnf.TryGetProperty("jwk", out var jwkJson)
            && jwkJson.ValueKind == JsonValueKind.Object
        )
        {
            var parsed = Jwk.ParsePublic(JsonNode.Parse(jwkJson.GetRawText())!.AsObject());
            if (!parsed.Succeeded)
            {
                return new(HolderBindingOutcome.Mismatch, "the credential's cnf.jwk is not a usable public key");
            }
            using var bound = parsed.Value;
            return string.Equals(bound.Thumbprint(), presenterKey.Thumbprint(), StringComparison.Ordinal)
                ? new(HolderBindingOutcome.Bound)
                : new(HolderBindingOutcome.Mismatch, "the presentation is signed with another key than the credential's cnf.jwk");
        }
        if (cnf.ValueKind == JsonValueKind.Object && cnf.TryGetProperty("jkt", out var jkt) && jkt.ValueKind == JsonValueKind.String)
        {
            return string.Equals(jkt.GetString(), presenterKey.Thumbprint(), StringComparison.Ordinal)
                ? new(HolderBindingOutcome.Bound)
                : new(HolderBindingOutcome.Mismatch, "the presentation is signed with another key than the credential's cnf.jkt");
        }
        return new(
            HolderBindingOutcome.Mismatch,
            "the credential's cnf names no key (jwk or jkt) the presentation could be checked against"
        );
    }

    private static readonly string[] SubjectIdKeys = ["id", "@id"];

    /// <summary>The DIDs of the credential's subjects (a DID URL counts as its DID).</summary>
    private static IEnumerable<string> SubjectDids(JsonElement credential)
    {
        if (!credential.TryGetProperty("credentialSubject", out var subject))
        {
            yield break;
        }
        var subjects = subject.ValueKind == JsonValueKind.Array ? subject.EnumerateArray().ToList() : [subject];
        foreach (var item in subjects)
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            // JSON-LD reads "@id" as the subject's id too: a credential must not escape the binding by spelling it so.
            foreach (var key in SubjectIdKeys)
            {
                if (
                    item.TryGetProperty(key, out var id)
                    && id.ValueKind == JsonValueKind.String
                    && id.GetString() is { } value
                    && value.StartsWith("did:", StringComparison.Ordinal)
                )
                {
                    var end = value.IndexOfAny(['#', '?', '/']);
                    yield return end < 0 ? value : value[..end];
                }
            }
        }
    }

    private static string? DidJwkThumbprint(string did)
    {
        var parsed = DidJwk.ParsePublicKey(did);
        if (!parsed.Succeeded)
        {
            return null;
        }
        using var key = parsed.Value;
        return key.Thumbprint();
    }

    /// <summary>A DID for a sentence: did:jwk values are long base64, so only their start is shown.</summary>
    private static string Short(string did) => did.Length > 80 ? did[..60] + "..." : did;
}
