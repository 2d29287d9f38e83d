using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Registry.Api;

/// <summary>The Gaia-X Registry's answer for a trusted chain: <c>{"result": true}</c>.</summary>
public sealed record ChainResult([property: JsonPropertyName("result")] bool Result);
