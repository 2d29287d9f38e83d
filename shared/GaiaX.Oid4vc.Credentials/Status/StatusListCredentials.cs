using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.VcJwt;

namespace GaiaX.Oid4vc.Credentials.Status;

/// <summary>
/// The status parts of issued credentials and the signed lists: a VCDM 2.0 <c>credentialStatus</c> with
/// <c>BitstringStatusListEntry</c> items and the <c>BitstringStatusListCredential</c> (W3C, secured as <c>vc+jwt</c>), and
/// the SD-JWT VC <c>status</c> claim and the <c>statuslist+jwt</c> Status List Token (IETF).
/// </summary>
public static class StatusListCredentials
{
    public const string StatusListJwtType = "statuslist+jwt";
    public const string StatusListJwtMediaType = "application/statuslist+jwt";

    /// <summary>The <c>credentialStatus</c> of a VC-JWT: a revocation and a suspension entry at <paramref name="index"/>.</summary>
    public static JsonArray BitstringEntries(Uri revocationList, Uri suspensionList, int index)
    {
        ArgumentNullException.ThrowIfNull(revocationList);
        ArgumentNullException.ThrowIfNull(suspensionList);
        return new JsonArray(
            Entry(revocationList, StatusPurposes.Revocation, index),
            Entry(suspensionList, StatusPurposes.Suspension, index)
        );
    }

    /// <summary>
    /// Writes the same <c>credentialStatus</c> value as <see cref="BitstringEntries"/> straight to <paramref name="writer"/>
    /// (the issuing hot path: no JSON nodes).
    /// </summary>
    public static void WriteBitstringEntries(Utf8JsonWriter writer, Uri revocationList, Uri suspensionList, int index)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(revocationList);
        ArgumentNullException.ThrowIfNull(suspensionList);
        Span<char> position = stackalloc char[11];
        index.TryFormat(position, out var length, default, CultureInfo.InvariantCulture);
        position = position[..length];
        writer.WriteStartArray();
        WriteEntry(writer, revocationList.AbsoluteUri, StatusPurposes.Revocation, position);
        WriteEntry(writer, suspensionList.AbsoluteUri, StatusPurposes.Suspension, position);
        writer.WriteEndArray();
    }

    private static void WriteEntry(Utf8JsonWriter writer, string list, string purpose, ReadOnlySpan<char> position)
    {
        writer.WriteStartObject();
        writer.WriteString("id", string.Concat(list, "#", position));
        writer.WriteString("type", "BitstringStatusListEntry");
        writer.WriteString("statusPurpose", purpose);
        writer.WriteString("statusListIndex", position);
        writer.WriteString("statusListCredential", list);
        writer.WriteEndObject();
    }

    private static JsonObject Entry(Uri list, string purpose, int index)
    {
        var position = index.ToString(CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["id"] = $"{list.AbsoluteUri}#{position}",
            ["type"] = "BitstringStatusListEntry",
            ["statusPurpose"] = purpose,
            ["statusListIndex"] = position,
            ["statusListCredential"] = list.AbsoluteUri,
        };
    }

    /// <summary>The <c>status</c> claim of an SD-JWT VC: <c>{"status_list": {"idx", "uri"}}</c>.</summary>
    public static JsonObject TokenStatusClaim(Uri list, int index)
    {
        ArgumentNullException.ThrowIfNull(list);
        return new JsonObject
        {
            ["status_list"] = new JsonObject { ["idx"] = index, ["uri"] = list.AbsoluteUri },
        };
    }

    /// <summary>
    /// Signs the <c>BitstringStatusListCredential</c> served at <paramref name="listUrl"/> (its <c>id</c>), valid from
    /// <paramref name="issuedAt"/> until <paramref name="validUntil"/>, with <c>ttl</c> in milliseconds as the specification has it.
    /// </summary>
    public static string SignBitstringStatusList(
        Uri listUrl,
        string purpose,
        BitstringStatusList list,
        SigningKey key,
        string issuer,
        DateTimeOffset issuedAt,
        DateTimeOffset validUntil,
        TimeSpan ttl,
        TimeProvider time
    )
    {
        ArgumentNullException.ThrowIfNull(listUrl);
        ArgumentNullException.ThrowIfNull(list);
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["id"] = listUrl.AbsoluteUri,
            ["type"] = new JsonArray("VerifiableCredential", "BitstringStatusListCredential"),
            ["issuer"] = issuer,
            ["validFrom"] = Timestamp(issuedAt),
            ["validUntil"] = Timestamp(validUntil),
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = listUrl.AbsoluteUri + "#list",
                ["type"] = "BitstringStatusList",
                ["statusPurpose"] = purpose,
                ["encodedList"] = list.Encode(),
                ["ttl"] = (long)ttl.TotalMilliseconds,
            },
        };
        return new VcJwtIssuer(time).Issue(credential, key, issuer, issuedAt);
    }

    /// <summary>Signs the Status List Token served at <paramref name="listUri"/> (<c>sub</c>), with <c>ttl</c> in seconds.</summary>
    public static string SignTokenStatusList(
        Uri listUri,
        TokenStatusList list,
        SigningKey key,
        string issuer,
        DateTimeOffset issuedAt,
        DateTimeOffset expiresAt,
        TimeSpan ttl
    )
    {
        ArgumentNullException.ThrowIfNull(listUri);
        ArgumentNullException.ThrowIfNull(list);
        var payload = new JsonObject
        {
            ["sub"] = listUri.AbsoluteUri,
            ["iss"] = issuer,
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["ttl"] = (long)ttl.TotalSeconds,
            ["status_list"] = new JsonObject { ["bits"] = list.Bits, ["lst"] = list.Encode() },
        };
        return Jws.Create(new JsonObject { ["typ"] = StatusListJwtType }, payload, key);
    }

    /// <summary>The status list references of a credential's payload (VC-JWT <c>credentialStatus</c>, SD-JWT VC <c>status</c>).</summary>
    public static IReadOnlyList<StatusListReference> References(JsonElement payload)
    {
        var references = new List<StatusListReference>();
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return references;
        }
        if (payload.TryGetProperty("credentialStatus", out var status))
        {
            var entries = status.ValueKind == JsonValueKind.Array ? status.EnumerateArray().ToList() : [status];
            foreach (var entry in entries.Where(e => e.ValueKind == JsonValueKind.Object))
            {
                if (String(entry, "type") != "BitstringStatusListEntry")
                {
                    continue; // a status mechanism this stack does not know says nothing here
                }
                if (
                    String(entry, "statusPurpose") is { } purpose
                    && int.TryParse(String(entry, "statusListIndex"), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    && Uri.TryCreate(String(entry, "statusListCredential"), UriKind.Absolute, out var list)
                    && list.Scheme is "https" or "http"
                )
                {
                    references.Add(new StatusListReference(list, index, purpose));
                }
                else
                {
                    // A status entry that cannot be read is not "no status": it is checked, and found unknown.
                    references.Add(StatusListReference.Malformed);
                }
            }
        }
        if (
            payload.TryGetProperty("status", out var claim)
            && claim.ValueKind == JsonValueKind.Object
            && claim.TryGetProperty("status_list", out var reference)
        )
        {
            references.Add(
                reference.ValueKind == JsonValueKind.Object
                && reference.TryGetProperty("idx", out var idx)
                && idx.ValueKind == JsonValueKind.Number
                && idx.TryGetInt32(out var position)
                && position >= 0
                && Uri.TryCreate(String(reference, "uri"), UriKind.Absolute, out var uri)
                && uri.Scheme is "https" or "http"
                    ? new StatusListReference(uri, position, null)
                    : StatusListReference.Malformed
            );
        }
        return references;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
