using GaiaX.Oid4vc.ServiceDefaults;

// In the namespace of the framework's own endpoint conventions, so mapping code needs no extra using.
namespace Microsoft.AspNetCore.Builder;

public static class ProtocolEndpointConventions
{
    /// <summary>Marks the endpoint as an OAuth / OpenID4VC protocol endpoint (see <see cref="ProtocolEndpointMetadata"/>).</summary>
    public static TBuilder WithProtocolErrors<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint => endpoint.Metadata.Add(ProtocolEndpointMetadata.Instance));
        return builder;
    }

    /// <summary>Marks an endpoint that parses its own form body (see <see cref="RawFormBodyMetadata"/>).</summary>
    public static TBuilder ReadsRawFormBody<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint => endpoint.Metadata.Add(RawFormBodyMetadata.Instance));
        return builder;
    }
}
