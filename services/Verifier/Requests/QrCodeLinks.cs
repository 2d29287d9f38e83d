using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>Where the wallet invocation of a presentation request is served as a QR code.</summary>
public sealed record QrCodeLinks([property: JsonPropertyName("png")] string Png, [property: JsonPropertyName("svg")] string Svg);
