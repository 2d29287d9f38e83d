using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GaiaX.Oid4vc.Verifier.Status;

/// <summary>
/// Names the members of the Verifier's own types in the OpenAPI document as the management API writes them
/// (<see cref="PresentationRequestStatusView.SerializerOptions"/>, snake_case). Members already named by
/// attribute are snake_case already, which the policy leaves as they are.
/// </summary>
public sealed class SnakeCaseSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (
            schema.Properties is { Count: > 0 } properties
            && context.JsonTypeInfo.Type.Namespace?.StartsWith("GaiaX.Oid4vc.Verifier", StringComparison.Ordinal) == true
        )
        {
            var policy = JsonNamingPolicy.SnakeCaseLower;
            schema.Properties = properties.ToDictionary(p => policy.ConvertName(p.Key), p => p.Value, StringComparer.Ordinal);
            if (schema.Required is { Count: > 0 } required)
            {
                schema.Required = required.Select(policy.ConvertName).ToHashSet(StringComparer.Ordinal);
            }
        }
        return Task.CompletedTask;
    }
}
