using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GaiaX.Oid4vc.ServiceDefaults;

public static class RequestLimitsExtensions
{
    /// <summary>
    /// The service's own default for <see cref="RequestLimitsOptions.MaxRequestBodyBytes"/> (what its
    /// largest legitimate request needs), used unless the deployment sets
    /// <c>RequestLimits:MaxRequestBodyBytes</c>.
    /// </summary>
    public static TBuilder UseDefaultRequestBodyLimit<TBuilder>(this TBuilder builder, long bytes)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Configuration[$"{RequestLimitsOptions.SectionName}:{nameof(RequestLimitsOptions.MaxRequestBodyBytes)}"] is null)
        {
            builder.Services.PostConfigure<RequestLimitsOptions>(limits => limits.MaxRequestBodyBytes = bytes);
        }
        return builder;
    }
}
