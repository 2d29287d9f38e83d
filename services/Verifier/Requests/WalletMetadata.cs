using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>The parts of a wallet's <c>wallet_metadata</c> (§10) the Verifier acts on.</summary>
public sealed record WalletMetadata(string? Issuer, IReadOnlyList<string>? VpFormatsSupported, ProtocolError? Error)
{
    private const int MaxLength = 64 * 1024;

    public static WalletMetadata Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            return Invalid($"wallet_metadata exceeds {MaxLength} characters");
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Invalid("wallet_metadata must be a JSON object");
            }
            string? issuer = null;
            if (root.TryGetProperty("issuer", out var issuerJson))
            {
                if (issuerJson.ValueKind != JsonValueKind.String || !Uri.TryCreate(issuerJson.GetString(), UriKind.Absolute, out _))
                {
                    return Invalid("wallet_metadata.issuer must be an absolute URL");
                }
                issuer = issuerJson.GetString();
            }
            List<string>? formats = null;
            if (root.TryGetProperty("vp_formats_supported", out var formatsJson))
            {
                if (formatsJson.ValueKind != JsonValueKind.Object)
                {
                    return Invalid("wallet_metadata.vp_formats_supported must be an object");
                }
                formats = formatsJson.EnumerateObject().Select(p => p.Name).ToList();
            }
            return new WalletMetadata(issuer, formats, null);
        }
        catch (JsonException)
        {
            return Invalid("wallet_metadata is not valid JSON");
        }
    }

    private static WalletMetadata Invalid(string description) => new(null, null, new ProtocolError(ErrorCodes.InvalidRequest, description));
}
