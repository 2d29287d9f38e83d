using System.Text.Json;

namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>One element of a claims path pointer (OpenID4VP 1.0 §7): a key, an array index, or null (every element).</summary>
public sealed record ClaimsQuery(string? Id, IReadOnlyList<object?> Path, IReadOnlyList<JsonElement>? Values);
