using GaiaX.Oid4vc.Credentials.Keys;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.ServiceDefaults.Webhooks;

/// <summary>Registers the webhook sender of a service whose public URL is <c>{serviceSection}:PublicBaseUrl</c>.</summary>
public static class WebhookHosting
{
    public static TBuilder AddWebhooks<TBuilder>(this TBuilder builder, string serviceSection)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<WebhookOptions>().Bind(builder.Configuration.GetSection(WebhookOptions.SectionName));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new WebhookDispatcher(
            () => sp.GetRequiredService<ServiceIdentity>(),
            sp.GetRequiredService<IOptions<WebhookOptions>>(),
            // An invalid base URL stops the host through options validation; never throw from here first.
            Uri.TryCreate(sp.GetRequiredService<IConfiguration>()[$"{serviceSection}:PublicBaseUrl"], UriKind.Absolute, out var source)
                ? source
                : new Uri("http://localhost"),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WebhookDispatcher>>()
        ));
        builder.Services.AddSingleton<IWebhookSender>(sp => sp.GetRequiredService<WebhookDispatcher>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return builder;
    }
}
