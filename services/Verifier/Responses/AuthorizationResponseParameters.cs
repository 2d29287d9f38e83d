using System.Text.Json;

namespace GaiaX.Oid4vc.Verifier.Responses;

/// <summary>
/// The parameters of an authorization response whose <c>state</c> belongs to the request: the form
/// itself, or the payload of the encrypted <c>response</c> JWT.
/// </summary>
/// <param name="Values">The parameters by name.</param>
/// <param name="Encrypted">Whether they came encrypted (<c>direct_post.jwt</c>).</param>
public sealed record AuthorizationResponseParameters(IReadOnlyDictionary<string, JsonElement> Values, bool Encrypted);
