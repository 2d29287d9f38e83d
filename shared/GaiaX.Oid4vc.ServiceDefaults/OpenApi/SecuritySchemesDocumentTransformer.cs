using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GaiaX.Oid4vc.ServiceDefaults.OpenApi;

/// <summary>
/// Declares the two ways a caller authenticates: a management API bearer token (a JWT carrying the
/// scopes each operation names) and an OAuth access token of the Issuer, sent as Bearer or DPoP.
/// </summary>
public sealed class SecuritySchemesDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string Bearer = "bearer";
    public const string DPoP = "dpop";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description =
                "A bearer token (RFC 6750). Management APIs: a JWT from the configured authority whose `scope` holds the scopes an "
                + "operation lists. Credential endpoints: the access token from the token endpoint.",
        };
        document.Components.SecuritySchemes[DPoP] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "DPoP",
            Description = "A DPoP-bound access token (RFC 9449) with its DPoP proof in the `DPoP` header.",
        };
        return Task.CompletedTask;
    }
}
