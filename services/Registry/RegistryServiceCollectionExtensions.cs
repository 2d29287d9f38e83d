using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.Registry.Trust;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GaiaX.Oid4vc.Registry;

public static class RegistryServiceCollectionExtensions
{
    /// <summary>Registers the Registry service's options and application services.</summary>
    public static WebApplicationBuilder AddRegistryServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<RegistryOptions>(RegistryOptions.SectionName);
        builder.AddGaiaXDapr();
        builder.UseDefaultRequestBodyLimit(256 * 1024);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TrustListStore>();
        builder.Services.AddSingleton<ChainVerifier>();
        builder.Services.AddSingleton<ChainFetcher>();
        builder.Services.AddHostedService<TrustListRepublisher>();
        builder.AddManagementApiAuthentication(
            builder.Configuration.GetSection($"{RegistryOptions.SectionName}:Management"),
            ManagementScopes.Api,
            new RegistryOptions().Management
        );
        return builder;
    }
}
