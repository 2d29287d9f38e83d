using GaiaX.Oid4vc.Credentials.Hosting;
using GaiaX.Oid4vc.Credentials.RegistrationNumbers;
using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.Dapr.StatusLists;
using GaiaX.Oid4vc.Notary.Credentials;
using GaiaX.Oid4vc.Notary.Events;
using GaiaX.Oid4vc.Notary.Registries;
using GaiaX.Oid4vc.Notary.Verification;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Notary;

public static class NotaryServiceCollectionExtensions
{
    /// <summary>Registers the Notary service's options and application services.</summary>
    public static WebApplicationBuilder AddNotaryServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<NotaryOptions>(NotaryOptions.SectionName);
        builder.AddGaiaXDapr();
        builder.AddServiceIdentity(NotaryOptions.SectionName, new NotaryOptions().PublicBaseUrl);
        builder.AddStatusLists(sp => new Uri(sp.GetRequiredService<IOptions<NotaryOptions>>().Value.PublicBaseUrl));
        builder.Services.AddSingleton<Credentials.NotaryIssuedCredentials>();
        builder.UseDefaultRequestBodyLimit(64 * 1024);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddRegistryClients();

        builder.Services.TryAddSingleton<IVerifiedRegistrationCache, DaprVerifiedRegistrationCache>();
        builder.Services.TryAddSingleton<IRegistrationCredentialSigner, ServiceIdentityCredentialSigner>();
        builder.Services.TryAddSingleton<NotaryMetrics>();
        builder.Services.AddTransient<RegistrationNumberVerifier>();
        builder.Services.AddTransient<RegistrationNumberCredentialService>();
        builder.Services.AddTransient<IssuanceRequestedHandler>();
        return builder;
    }

    /// <summary>
    /// The registry clients: typed HttpClients for VIES, EORI and GLEIF and named clients for the
    /// configurable registries, each with its own resilience pipeline in place of the standard one.
    /// </summary>
    public static WebApplicationBuilder AddRegistryClients(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<ViesOptions>(ViesOptions.SectionName);
        builder.AddValidatedOptions<EoriOptions>(EoriOptions.SectionName);
        builder.AddValidatedOptions<GleifOptions>(GleifOptions.SectionName);
        builder.AddValidatedOptions<TaxIdRegistryOptions>(TaxIdRegistryOptions.SectionName);
        builder.AddValidatedOptions<EuidRegistryOptions>(EuidRegistryOptions.SectionName);
        builder.AddValidatedOptions<LocalRegistryOptions>(LocalRegistryOptions.SectionName);

        builder
            .Services.AddHttpClient<ViesClient>()
            .ConfigureHttpClient(
                (services, http) => http.BaseAddress = new Uri(services.GetRequiredService<IOptions<ViesOptions>>().Value.Endpoint!)
            )
            .AddRegistryPipeline<ViesOptions>("vies", ViesClient.IsTransientResponse);
        builder
            .Services.AddHttpClient<EoriClient>()
            .ConfigureHttpClient(
                (services, http) => http.BaseAddress = new Uri(services.GetRequiredService<IOptions<EoriOptions>>().Value.Endpoint!)
            )
            .AddRegistryPipeline<EoriOptions>("eori");
        builder.Services.AddHttpClient<GleifClient>().AddRegistryPipeline<GleifOptions>("gleif");
        builder
            .Services.AddHttpClient(ConfiguredRegistryClient.ClientName(RegistrationNumberType.TaxId))
            .AddRegistryPipeline<TaxIdRegistryOptions>("tax-id");
        builder
            .Services.AddHttpClient(ConfiguredRegistryClient.ClientName(RegistrationNumberType.Euid))
            .AddRegistryPipeline<EuidRegistryOptions>("euid");
        builder
            .Services.AddHttpClient(ConfiguredRegistryClient.ClientName(RegistrationNumberType.Local))
            .AddRegistryPipeline<LocalRegistryOptions>("local");
        builder.Services.AddTransient<ConfiguredRegistryClient>();
        return builder;
    }
}
