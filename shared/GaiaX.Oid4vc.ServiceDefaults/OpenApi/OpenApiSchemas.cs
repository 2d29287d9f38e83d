using Microsoft.OpenApi;

namespace GaiaX.Oid4vc.ServiceDefaults.OpenApi;

/// <summary>The error bodies every service answers, as OpenAPI schemas.</summary>
public static class OpenApiSchemas
{
    public const string ProblemMediaType = "application/problem+json";

    /// <summary>RFC 9457 problem details with the <c>traceId</c> member every service adds and <c>errors</c> of a 400.</summary>
    public static OpenApiSchema Problem() =>
        new()
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Text(),
                ["title"] = Text(),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["detail"] = Text(),
                ["instance"] = Text(),
                ["traceId"] = Text(),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Description = "Every problem of an invalid request body",
                    Items = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "pointer", "detail" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["pointer"] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.String,
                                Description = "RFC 6901 JSON Pointer to the member at fault; empty for the whole body",
                            },
                            ["detail"] = Text(),
                        },
                    },
                },
            },
        };

    /// <summary>An OAuth 2.0 / OpenID4VC error object (RFC 6749 section 5.2).</summary>
    public static OpenApiSchema OAuthError() =>
        new()
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "error" },
            Properties = new Dictionary<string, IOpenApiSchema> { ["error"] = Text(), ["error_description"] = Text() },
        };

    public static OpenApiSchema Text() => new() { Type = JsonSchemaType.String };
}
