using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>The pre-authorized code grant of an offer, with the shape of its transaction code when one is needed.</summary>
public sealed record PreAuthorizedCodeGrant(
    [property: JsonPropertyName("pre-authorized_code")] string PreAuthorizedCode,
    [property: JsonPropertyName("tx_code")] TransactionCodeRequest? TxCode
);
