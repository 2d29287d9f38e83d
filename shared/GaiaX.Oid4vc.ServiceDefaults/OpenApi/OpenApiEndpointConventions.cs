using GaiaX.Oid4vc.ServiceDefaults.OpenApi;

// In the namespace of the framework's own endpoint conventions, so mapping code needs no extra using.
namespace Microsoft.AspNetCore.Builder;

/// <summary>OpenAPI metadata the framework cannot infer from handlers that read their own input.</summary>
public static class OpenApiEndpointConventions
{
    /// <summary>Documents a form-encoded request body with these parameters.</summary>
    public static TBuilder AcceptsForm<TBuilder>(this TBuilder builder, string[] required, params string[] optional)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new FormParametersMetadata(required, optional));

    /// <summary>
    /// Documents a JSON request body with the schema of <paramref name="bodyType"/>, without constraining
    /// the media type routing accepts.
    /// </summary>
    public static TBuilder AcceptsJsonBody<TBuilder>(this TBuilder builder, Type bodyType)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new JsonBodyMetadata(bodyType));

    /// <summary>Documents the query parameters of an endpoint that reads the query itself.</summary>
    public static TBuilder WithQueryParameters<TBuilder>(this TBuilder builder, string[] required, params string[] optional)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new QueryParametersMetadata(required, optional));

    /// <summary>Documents that the endpoint needs an OAuth access token (Bearer or DPoP).</summary>
    public static TBuilder RequiresAccessToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(AccessTokenRequiredMetadata.Instance);
}
