using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Credentials.SdJwt;

/// <summary>The holder's side: choosing disclosures and adding a Key Binding JWT.</summary>
public static class SdJwtHolder
{
    /// <summary>
    /// Builds a presentation of <paramref name="issued"/> with the disclosures <paramref name="include"/>
    /// selects, and, when <paramref name="holderKey"/> is given, a KB-JWT over it (<c>nonce</c>,
    /// <c>aud</c>, <c>iat</c>, <c>sd_hash</c>).
    /// </summary>
    public static string Present(
        string issued,
        Func<Disclosure, bool> include,
        SigningKey? holderKey,
        string? nonce,
        string? audience,
        DateTimeOffset issuedAt
    )
    {
        ArgumentNullException.ThrowIfNull(issued);
        ArgumentNullException.ThrowIfNull(include);
        var parts = issued.Split('~');
        var selected = parts.Skip(1).Where(p => p.Length > 0).Where(p => Disclosure.Parse(p) is { Succeeded: true } d && include(d.Value));
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
