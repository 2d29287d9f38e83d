using System.Globalization;
using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Credentials.Vcdm;

/// <summary>The checks the W3C VC Data Model 2.0 demands of a credential and a presentation.</summary>
public static class VcdmRules
{
    public const string BaseContext = "https://www.w3.org/ns/credentials/v2";
    public const string VerifiableCredentialType = "VerifiableCredential";
    public const string VerifiablePresentationType = "VerifiablePresentation";
    public const string EnvelopedVerifiableCredentialType = "EnvelopedVerifiableCredential";

    /// <summary>
    /// First <c>@context</c> is the v2 context, <c>type</c> contains VerifiableCredential,
    /// <c>issuer</c> is a URL or an object with an <c>id</c>, <c>credentialSubject</c> is present
    /// and makes claims (its <c>id</c> a URL), status / schema / evidence / refresh / terms entries
    /// are typed, <c>validFrom</c> ≤ now ≤ <c>validUntil</c> (within <paramref name="clockSkew"/>).
    /// </summary>
    public static VerificationError? CheckCredential(JsonElement credential, DateTimeOffset now, TimeSpan clockSkew)
    {
        if (credential.ValueKind != JsonValueKind.Object)
        {
            return Violation("The credential is not a JSON object.");
        }
        var error = CheckContextAndType(credential, VerifiableCredentialType);
        if (error is not null)
        {
            return error;
        }
        if (credential.TryGetProperty("id", out var id) && !IsUrl(id))
        {
            return Violation("The credential id must be a URL.");
        }
        if (IssuerId(credential) is null)
        {
            return Violation("The credential has no issuer (a URL, or an object with an id URL).");
        }
        if (
            !credential.TryGetProperty("credentialSubject", out var subject)
            || !(
                subject.ValueKind == JsonValueKind.Object
                || (
                    subject.ValueKind == JsonValueKind.Array
                    && subject.GetArrayLength() > 0
                    && subject.EnumerateArray().All(s => s.ValueKind == JsonValueKind.Object)
                )
            )
        )
        {
            return Violation("The credential has no credentialSubject object.");
        }
        error = CheckSubjects(subject) ?? CheckTypedEntries(credential);
        if (error is not null)
        {
            return error;
        }
        if (
            !TryDate(credential, "validFrom", out var validFrom, out error)
            || !TryDate(credential, "validUntil", out var validUntil, out error)
        )
        {
            return error;
        }
        if (validFrom is not null && validUntil is not null && validFrom > validUntil)
        {
            return Violation("validFrom is after validUntil.");
        }
        if (validFrom is not null && validFrom > now + clockSkew)
        {
            return new VerificationError(VerificationFailure.NotYetValid, $"The credential is valid from {validFrom:O}.");
        }
        if (validUntil is not null && validUntil < now - clockSkew)
        {
            return new VerificationError(VerificationFailure.Expired, $"The credential was valid until {validUntil:O}.");
        }
        return null;
    }

    /// <summary>
    /// Members whose every entry (object, or array of objects) must name its <c>type</c>, with an
    /// <c>id</c> URL when it has one (VCDM 2.0 sections 4.10, 5.2, 5.4, 5.5, 5.6); a schema must also
    /// have its <c>id</c> (section 5.4: the schema is found by it).
    /// </summary>
    private static readonly (string Name, bool IdRequired)[] TypedMembers =
    [
        ("credentialStatus", false),
        ("credentialSchema", true),
        ("evidence", false),
        ("refreshService", false),
        ("termsOfUse", false),
    ];

    /// <summary>
    /// Every subject makes at least one claim (an empty map says nothing about anyone), and a
    /// subject's <c>id</c>, when present, is a URL (VCDM 2.0 section 4.4).
    /// </summary>
    private static VerificationError? CheckSubjects(JsonElement subject)
    {
        foreach (var item in subject.ValueKind == JsonValueKind.Array ? subject.EnumerateArray().ToList() : [subject])
        {
            if (!item.EnumerateObject().Any())
            {
                return Violation("A credentialSubject must make at least one claim; it is empty.");
            }
            if (item.TryGetProperty("id", out var id) && !IsUrl(id))
            {
                return Violation("credentialSubject.id must be a URL.");
            }
        }
        return null;
    }

    private static VerificationError? CheckTypedEntries(JsonElement credential)
    {
        foreach (var (name, idRequired) in TypedMembers)
        {
            if (!credential.TryGetProperty(name, out var member))
            {
                continue;
            }
            var entries = member.ValueKind == JsonValueKind.Array ? member.EnumerateArray().ToList() : [member];
            foreach (var entry in entries)
            {
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    return Violation($"Each {name} entry must be an object.");
                }
                if (!HasAnyType(entry))
                {
                    return Violation($"Each {name} entry must have a type.");
                }
                var hasId = entry.TryGetProperty("id", out var id);
                if ((hasId && !IsUrl(id)) || (idRequired && !hasId))
                {
                    return Violation(idRequired ? $"Each {name} entry must have an id URL." : $"A {name} id must be a URL.");
                }
            }
        }
        return null;
    }

    /// <summary><c>type</c> is a non-empty string or a non-empty array of non-empty strings.</summary>
    private static bool HasAnyType(JsonElement item) =>
        item.TryGetProperty("type", out var type)
        && type.ValueKind switch
        {
            JsonValueKind.String => type.GetString()!.Length > 0,
            JsonValueKind.Array => type.GetArrayLength() > 0
                && type.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String && t.GetString()!.Length > 0),
            _ => false,
        };

    private static bool IsUrl(JsonElement value) => value.ValueKind == JsonValueKind.String && IsAbsoluteUri(value.GetString());

    /// <summary>
    /// Whether <paramref name="value"/> is an absolute URI written with its scheme (<c>did:web:…</c>,
    /// <c>https://…</c>, <c>urn:…</c>). <see cref="Uri.TryCreate(string, UriKind, out Uri)"/> alone
    /// also takes a rooted path such as <c>/x</c> on Unix for a <c>file:</c> URI.
    /// </summary>
    public static bool IsAbsoluteUri(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && value!.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// VC-JOSE-COSE section 3.1.2: the JWT claim names <c>vc</c> and <c>vp</c> must not be present
    /// (they belong to the VCDM 1.1 JWT encoding, whose payload is read differently).
    /// </summary>
    public static VerificationError? CheckJoseClaims(JsonElement payload) =>
        payload.ValueKind == JsonValueKind.Object && (payload.TryGetProperty("vc", out _) || payload.TryGetProperty("vp", out _))
            ? Violation(
                "The JWT claims vc and vp must not be present (VC-JOSE-COSE): the credential or presentation is the payload itself."
            )
            : null;

    /// <summary>First <c>@context</c> is the v2 context and <c>type</c> contains VerifiablePresentation.</summary>
    public static VerificationError? CheckPresentation(JsonElement presentation)
    {
        if (presentation.ValueKind != JsonValueKind.Object)
        {
            return Violation("The presentation is not a JSON object.");
        }
        return CheckContextAndType(presentation, VerifiablePresentationType);
    }

    /// <summary>The issuer's id: <c>issuer</c> as a string, or <c>issuer.id</c>.</summary>
    public static string? IssuerId(JsonElement credential)
    {
        if (!credential.TryGetProperty("issuer", out var issuer))
        {
            return null;
        }
        var id = issuer.ValueKind switch
        {
            JsonValueKind.String => issuer.GetString(),
            JsonValueKind.Object when issuer.TryGetProperty("id", out var inner) && inner.ValueKind == JsonValueKind.String =>
                inner.GetString(),
            _ => null,
        };
        return IsAbsoluteUri(id) ? id : null;
    }

    /// <summary>Whether <c>type</c> (a string or an array of strings) contains <paramref name="type"/>.</summary>
    public static bool HasType(JsonElement item, string type)
    {
        if (!item.TryGetProperty("type", out var types))
        {
            return false;
        }
        return types.ValueKind switch
        {
            JsonValueKind.String => types.ValueEquals(type),
            JsonValueKind.Array => types.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.ValueEquals(type)),
            _ => false,
        };
    }

    private static VerificationError? CheckContextAndType(JsonElement item, string requiredType)
    {
        if (!item.TryGetProperty("@context", out var context))
        {
            return Violation("@context is missing.");
        }
        var first = context.ValueKind switch
        {
            JsonValueKind.Array when context.GetArrayLength() > 0 => context[0],
            JsonValueKind.String => context,
            _ => default,
        };
        if (first.ValueKind != JsonValueKind.String || !first.ValueEquals(BaseContext))
        {
            return Violation($"The first @context must be {BaseContext}.");
        }
        if (!HasType(item, requiredType))
        {
            return Violation($"type must contain {requiredType}.");
        }
        return null;
    }

    private static bool TryDate(JsonElement item, string name, out DateTimeOffset? value, out VerificationError? error)
    {
        value = null;
        error = null;
        if (!item.TryGetProperty(name, out var element))
        {
            return true;
        }
        // xsd:dateTimeStamp: a date-time with a time zone.
        if (
            element.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            && HasZone(element.GetString()!)
        )
        {
            value = parsed;
            return true;
        }
        error = Violation($"{name} must be a date-time with a time zone.");
        return false;
    }

    private static bool HasZone(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static VerificationError Violation(string message) => new(VerificationFailure.DataModelViolation, message);
}
