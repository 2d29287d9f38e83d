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
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var protocol = metadata.OfType<ProtocolEndpointMetadata>().Any();
        operation.Responses ??= new OpenApiResponses();

        if (metadata.OfType<FormParametersMetadata>().LastOrDefault() is { } form)
        {
            operation.RequestBody = FormBody(form);
        }
        if (metadata.OfType<JsonBodyMetadata>().Any() && operation.RequestBody is null)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } },
                },
            };
        }
        if (metadata.OfType<QueryParametersMetadata>().LastOrDefault() is { } query)
        {
            operation.Parameters ??= [];
            foreach (var name in query.Required.Concat(query.Optional))
            {
                operation.Parameters.Add(
                    new OpenApiParameter
                    {
                        Name = name,
                        In = ParameterLocation.Query,
                        Required = query.Required.Contains(name),
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
        return Task.CompletedTask;
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

    private static OpenApiRequestBody FormBody(FormParametersMetadata form)
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        foreach (var name in form.Required.Concat(form.Optional))
        {
            properties[name] = OpenApiSchemas.Text();
        }
        return new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/x-www-form-urlencoded"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = properties,
                        Required = new HashSet<string>(form.Required, StringComparer.Ordinal),
                    },
                },
            },
        };
    }
}
