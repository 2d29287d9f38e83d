namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>A JWS whose signature and lifetime verified, with the key (and its issuer and chain) that verified it.</summary>
public sealed record VerifiedJws(ParsedJws Jws, ResolvedKey Key)
{
    public System.Text.Json.JsonElement Payload => Jws.Payload;
}
