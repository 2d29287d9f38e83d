using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace GaiaX.Oid4vc.Dapr.StatusLists;

/// <summary>Registers the status lists of the credentials a service signs: allocation, status changes, signing.</summary>
public static class StatusListHosting
{
    /// <summary>
    /// Adds <see cref="StatusListStore"/>, <see cref="StatusListPublisher"/> (section <c>StatusList</c>) for the lists this
    /// service serves under <paramref name="publicBaseUrl"/>; map them with <see cref="StatusListEndpoints.MapStatusLists"/>.
    /// </summary>
    public static TBuilder AddStatusLists<TBuilder>(this TBuilder builder, Func<IServiceProvider, Uri> publicBaseUrl)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        builder
            .Services.AddOptions<StatusListSettings>()
            .Bind(builder.Configuration.GetSection(StatusListSettings.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(sp => new StatusListUrls(() => publicBaseUrl(sp)));
        builder.Services.TryAddSingleton<StatusListStore>();
        builder.Services.TryAddSingleton<StatusListPublisher>();
        return builder;
    }
}
