namespace GaiaX.Oid4vc.ServiceDefaults.OpenApi;

/// <summary>
/// Marks an endpoint that checks an OAuth access token itself (Bearer or DPoP, RFC 6750 / RFC 9449)
/// instead of through ASP.NET Core authorization, so the OpenAPI document still states the requirement.
/// </summary>
public sealed class AccessTokenRequiredMetadata
{
    public static readonly AccessTokenRequiredMetadata Instance = new();

    private AccessTokenRequiredMetadata() { }
}
