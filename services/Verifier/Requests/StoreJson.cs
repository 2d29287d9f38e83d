namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>How requests and their parts are serialized outside the state store's own client.</summary>
public static class StoreJson
{
    public static System.Text.Json.JsonSerializerOptions Options { get; } = new(System.Text.Json.JsonSerializerDefaults.Web);
}
