using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Metadata;

/// <summary>
/// SD-JWT VC Type Metadata (draft-ietf-oauth-sd-jwt-vc section 6) for every <c>dc+sd-jwt</c> configuration, served at
/// <c>/types/{configuration id}</c>. A configuration without a <c>Vct</c> gets that URL as its <c>vct</c>, so wallets and the
/// conformance suite fetch the document from the <c>vct</c> itself; its credentials then carry <c>vct#integrity</c>, the
/// SRI hash of the bytes served. A deployment that names another <c>vct</c> (an ecosystem's URL, a URN) is served the same
/// document but its credentials carry no integrity.
/// </summary>
public sealed class TypeMetadataDocuments
{
    private readonly Dictionary<string, (byte[] Json, string? Integrity)> _documents = new(StringComparer.Ordinal);

    public TypeMetadataDocuments(IOptions<IssuerOptions> options, IssuerEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var (id, configuration) in options.Value.CredentialConfigurations)
        {
            if (configuration.Format != CredentialFormats.SdJwtVc || configuration.Vct is not { } vct)
            {
                continue;
            }
            var json = JsonSerializer.SerializeToUtf8Bytes(Document(vct, configuration));
            var served = vct == ServedVct(endpoints.CredentialIssuer, id);
            _documents[id] = (json, served ? "sha256-" + Convert.ToBase64String(SHA256.HashData(json)) : null);
        }
    }

    /// <summary>The <c>vct</c> this Issuer serves for a configuration.</summary>
    public static string ServedVct(string credentialIssuer, string configurationId) =>
        credentialIssuer.TrimEnd('/')
        + IssuerEndpoints.Paths.TypeMetadata.Replace("{id}", Uri.EscapeDataString(configurationId), StringComparison.Ordinal);

    /// <summary>The document's bytes, or null when <paramref name="configurationId"/> is no <c>dc+sd-jwt</c> configuration.</summary>
    public byte[]? Json(string configurationId) => _documents.TryGetValue(configurationId, out var document) ? document.Json : null;

    /// <summary>The <c>vct#integrity</c> of a configuration's credentials, or null when its <c>vct</c> is not served here.</summary>
    public string? Integrity(string configurationId) =>
        _documents.TryGetValue(configurationId, out var document) ? document.Integrity : null;

    private static JsonObject Document(string vct, CredentialConfigurationOptions configuration)
    {
        var document = new JsonObject { ["vct"] = vct };
        if (configuration.Display.FirstOrDefault(d => d.Name is not null) is { } first)
        {
            document["name"] = first.Name;
            if (first.Description is { } description)
            {
                document["description"] = description;
            }
        }
        var display = new JsonArray();
        foreach (var entry in configuration.Display.Where(d => d.Name is not null))
        {
            var item = new JsonObject { ["locale"] = entry.Locale ?? "en", ["name"] = entry.Name };
            if (entry.Description is { } description)
            {
                item["description"] = description;
            }
            display.Add(item);
        }
        if (display.Count > 0)
        {
            document["display"] = display;
        }
        var claims = new JsonArray();
        foreach (var claim in configuration.Claims.Where(c => c.Path.Count > 0))
        {
            var item = new JsonObject { ["path"] = new JsonArray([.. claim.Path.Select(p => (JsonNode)p)]) };
            var labels = new JsonArray();
            foreach (var label in claim.Display.Where(d => d.Name is not null))
            {
                labels.Add(new JsonObject { ["locale"] = label.Locale ?? "en", ["label"] = label.Name });
            }
            if (labels.Count > 0)
            {
                item["display"] = labels;
            }
            if (claim.Mandatory)
            {
                item["mandatory"] = true;
            }
            // Every top-level claim of an SD-JWT VC from this Issuer is selectively disclosable; nested ones go with it.
            if (claim.Path.Count == 1)
            {
                item["sd"] = "always";
            }
            claims.Add(item);
        }
        if (claims.Count > 0)
        {
            document["claims"] = claims;
        }
        return document;
    }
}
