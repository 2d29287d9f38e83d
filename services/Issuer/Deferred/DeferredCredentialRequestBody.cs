using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Deferred;

/// <summary>The deferred credential request (OpenID4VCI 1.0 section 9.1) as the OpenAPI document describes it.</summary>
public sealed record DeferredCredentialRequestBody([property: JsonPropertyName("transaction_id")] string TransactionId);
