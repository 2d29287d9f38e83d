using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GaiaX.Oid4vc.ServiceDefaults.OpenApi;

/// <summary>
/// Adds to every operation what every endpoint can answer but no handler declares: 400 when it takes
/// input, 503 with <c>Retry-After</c> while a dependency is down, 401/403 and the security requirement
/// when it needs a token — as OAuth error objects on protocol endpoints and problem details elsewhere —
/// and the form parameters of protocol endpoints that read their own form.
/// </summary>
public sealed class StandardResponsesOperationTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(
        OpenApiOperation operation,
        OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var protocol = metadata.OfType<ProtocolEndpointMetadata>().Any();
        operation.Responses ??= new OpenApiResponses();

        if (metadata.OfType<FormParametersMetadata>().LastOrDefault() is { } form)
        {
            operation.RequestBody = Body("application/x-www-form-urlencoded", Parameters(form.Required, form.Optional));
        }
        else if (metadata.OfType<JsonBodyMetadata>().LastOrDefault() is { } json && operation.RequestBody is null)
        {
            var schema = await context.GetOrCreateSchemaAsync(json.BodyType, cancellationToken: cancellationToken).ConfigureAwait(false);
            operation.RequestBody = Body("application/json", schema);
        }
        if (metadata.OfType<QueryParametersMetadata>().LastOrDefault() is { } query)
        {
            operation.Parameters ??= [];
            foreach (var name in query.Required.Concat(query.Optional))
            {
                var required = query.Required.Contains(name);
                operation.Parameters.Add(
                    new OpenApiParameter
                    {
                        Name = name,
                        In = ParameterLocation.Query,
                        Required = required,
                        Schema = OpenApiSchemas.Text(),
                    }
                );
            }
        }
        var scopes = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var managed = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var accessToken = metadata.OfType<AccessTokenRequiredMetadata>().Any();
        if (managed || accessToken)
        {
            operation.Security ??= [];
            operation.Security.Add(
                new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(SecuritySchemesDocumentTransformer.Bearer, context.Document)] = scopes,
                }
            );
            if (accessToken)
            {
                operation.Security.Add(
                    new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(SecuritySchemesDocumentTransformer.DPoP, context.Document)] = [],
                    }
                );
            }
            Add(operation, "401", "The token is missing, invalid or expired (see `WWW-Authenticate`)", protocol);
            Add(operation, "403", "The token lacks a scope this operation needs", protocol);
        }
        var takesInput = operation.RequestBody is not null || operation.Parameters is { Count: > 0 };
        if (takesInput)
        {
            Add(
                operation,
                "400",
                protocol ? "An OAuth / OpenID4VC error (`error`, `error_description`)" : "The input is invalid",
                protocol
            );
        }
        Add(
            operation,
            "503",
            "A dependency (the Dapr sidecar, its state store, a registry) is unavailable; retry after `Retry-After`",
            protocol
        );
    }

    private static void Add(OpenApiOperation operation, string status, string description, bool protocol)
    {
        if (operation.Responses!.TryGetValue(status, out var existing) && existing.Content is { Count: > 0 })
        {
            return;
        }
        var response = new OpenApiResponse
        {
            Description = existing?.Description ?? description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [protocol ? "application/json" : OpenApiSchemas.ProblemMediaType] = new()
                {
                    Schema = protocol ? OpenApiSchemas.OAuthError() : OpenApiSchemas.Problem(),
                },
            },
        };
        if (status == "503")
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                },
            };
        }
        operation.Responses[status] = response;
    }

    private static OpenApiRequestBody Body(string mediaType, OpenApiSchema schema) =>
        new()
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { [mediaType] = new() { Schema = schema } },
        };

    /// <summary>An object schema of text parameters (a form's fields).</summary>
    private static OpenApiSchema Parameters(IReadOnlyList<string> required, IReadOnlyList<string> optional) =>
        new()
        {
            Type = JsonSchemaType.Object,
            Properties = required
                .Concat(optional)
                .Distinct(StringComparer.Ordinal)
                .ToDictionary(name => name, IOpenApiSchema (_) => OpenApiSchemas.Text(), StringComparer.Ordinal),
            Required = new HashSet<string>(required, StringComparer.Ordinal),
        };
}
