using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GaiaX.Oid4vc.ServiceDefaults.OpenApi;

/// <summary>
/// Takes nullable members out of <c>required</c>. The schema generator marks every parameter of a record's
/// constructor as required, but the services leave a null member out (OpenID4VCI 1.0 section 8.3 forbids
/// <c>credentials</c> beside <c>transaction_id</c>) and a client may leave out an optional one, so a
/// generated client that insisted on them would reject real answers and build wrong requests.
/// </summary>
public sealed class NullableMembersOptionalSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Required is { Count: > 0 } required && schema.Properties is { } properties)
        {
            foreach (var name in required.Where(name => properties.TryGetValue(name, out var property) && Nullable(property)).ToList())
            {
                required.Remove(name);
            }
        }
        return Task.CompletedTask;
    }

    private static bool Nullable(IOpenApiSchema property) =>
        property.Type is { } type && type.HasFlag(JsonSchemaType.Null)
        || property.OneOf?.Any(alternative => alternative.Type == JsonSchemaType.Null) == true
        || property.AnyOf?.Any(alternative => alternative.Type == JsonSchemaType.Null) == true;
}
