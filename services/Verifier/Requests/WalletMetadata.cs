using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>The parts of a wallet's <c>wallet_metadata</c> (§10) the Verifier acts on.</summary>
public sealed record WalletMetadata(string? Issuer, IReadOnlyList<string>? VpFormatsSupported)
{
    private const int MaxLength = 64 * 1024;

    /// <summary>The metadata, or the <c>invalid_request</c> that says what is wrong with it.</summary>
    public static Outcome<WalletMetadata> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            return ProtocolError.InvalidRequest($"wallet_metadata exceeds {MaxLength} characters");
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ProtocolError.InvalidRequest("wallet_metadata must be a JSON object");
            }
            string? issuer = null;
            if (root.TryGetProperty("issuer", out var issuerJson))
            {
                if (issuerJson.ValueKind != JsonValueKind.String || !Uri.TryCreate(issuerJson.GetString(), UriKind.Absolute, out _))
                {
                    return ProtocolError.InvalidRequest("wallet_metadata.issuer must be an absolute URL");
                }
                issuer = issuerJson.GetString();
            }
            List<string>? formats = null;
            if (root.TryGetProperty("vp_formats_supported", out var formatsJson))
            {
                if (formatsJson.ValueKind != JsonValueKind.Object)
                {
                    return ProtocolError.InvalidRequest("wallet_metadata.vp_formats_supported must be an object");
                }
                formats = formatsJson.EnumerateObject().Select(p => p.Name).ToList();
            }
            return Outcome<WalletMetadata>.Success(new WalletMetadata(issuer, formats));
        }
        catch (JsonException)
        {
            return ProtocolError.InvalidRequest("wallet_metadata is not valid JSON");
        }
    }
}
