using GaiaX.Oid4vc.Compliance.Filters;
using GaiaX.Oid4vc.Compliance.Labels;
using GaiaX.Oid4vc.Compliance.Ontologies;
using GaiaX.Oid4vc.Compliance.Registry;
using GaiaX.Oid4vc.Compliance.Verification;
using GaiaX.Oid4vc.Credentials.Hosting;
using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.Dapr.StatusLists;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace GaiaX.Oid4vc.Compliance;

public static class ComplianceServiceCollectionExtensions
{
    /// <summary>Registers the Compliance service's options and application services.</summary>
    public static WebApplicationBuilder AddComplianceServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<ComplianceOptions>(ComplianceOptions.SectionName);
        builder.AddGaiaXDapr();
        builder.AddServiceIdentity(ComplianceOptions.SectionName, new ComplianceOptions().PublicBaseUrl);
        builder.AddStatusLists(sp => new Uri(sp.GetRequiredService<IOptions<ComplianceOptions>>().Value.PublicBaseUrl));
        builder.UseDefaultRequestBodyLimit(2 * 1024 * 1024);
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder
            .Services.AddOptions<Dictionary<string, OntologyVersionOptions>>()
            .Bind(builder.Configuration.GetSection(OntologyCatalog.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<Dictionary<string, OntologyVersionOptions>>, OntologyVersionsValidator>();
        builder.AddGaiaXRegistry();
        builder.AddCredentialVerification();
        builder.Services.AddComplianceFilterChain();
        builder.AddLabelCredentials();
        builder.Services.AddSingleton<Events.CredentialPreparedHandler>();
        builder.Services.AddSingleton<Events.PresentationVerifiedHandler>();
        builder.Services.AddSingleton<Events.TrustListChangedHandler>();
        return builder;
    }

    /// <summary>
    /// The filter chain, in the order of the Gaia-X Lab engine. The order of registration is the
    /// order of execution.
    /// </summary>
    public static IServiceCollection AddComplianceFilterChain(this IServiceCollection services)
    {
        services.AddSingleton<IComplianceFilter, ParseFilter>();
        services.AddSingleton<IComplianceFilter, JwtHeadersFilter>();
        services.AddSingleton<IComplianceFilter, DidResolutionAndKeyFilter>();
        services.AddSingleton<IComplianceFilter, CertificateChainToTrustAnchorFilter>();
        services.AddSingleton<IComplianceFilter, PresentationSignatureFilter>();
        services.AddSingleton<IComplianceFilter, HolderBindingFilter>();
        services.AddSingleton<IComplianceFilter, CredentialSignaturesAndValidityFilter>();
        services.AddSingleton<IComplianceFilter, CredentialStatusFilter>();
        services.AddSingleton<IComplianceFilter, OntologyVersionFilter>();
        services.AddSingleton<IComplianceFilter, JsonLdExpansionFilter>();
        services.AddSingleton<IComplianceFilter, ShaclShapesFilter>();
        services.AddSingleton<IComplianceFilter, RegistrationNumberFromTrustedNotaryRule>();
        services.AddSingleton<IComplianceFilter, IssuerTermsAndConditionsRule>();
        services.AddSingleton<IComplianceFilter, ServiceOfferingProvidedByRule>();
        services.AddSingleton<IComplianceFilter, CredentialIssuersTrustedRule>();
        services.TryAddSingleton<ComplianceMetrics>();
        services.TryAddSingleton<LabelLevelEvaluator>();
        services.AddSingleton<ComplianceFilterChain>();
        // Pinned contexts only (VC 2.0, Gaia-X 25.11): a credential never makes the engine fetch a context.
        services.TryAddSingleton<GaiaX.Oid4vc.Rdf.JsonLd.IDocumentLoader>(GaiaX.Oid4vc.Rdf.JsonLd.OfflineDocumentLoader.CreateDefault());
        services.TryAddSingleton(sp => new OntologyCatalog(
            sp.GetRequiredService<GaiaX.Oid4vc.Rdf.JsonLd.IDocumentLoader>(),
            sp.GetService<IOptions<Dictionary<string, OntologyVersionOptions>>>()
        ));
        return services;
    }

    /// <summary>
    /// The Gaia-X registry client (with its own cache and resilience pipeline) when
    /// <c>Compliance:Registry:BaseUrl</c> is set, the local registry from configuration otherwise.
    /// </summary>
    public static WebApplicationBuilder AddGaiaXRegistry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<GaiaXRegistryOptions>(GaiaXRegistryOptions.SectionName);
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{GaiaXRegistryOptions.SectionName}:{nameof(GaiaXRegistryOptions.BaseUrl)}"]))
        {
            builder.Services.TryAddSingleton<IGaiaXRegistry, LocalGaiaXRegistry>();
            return builder;
        }

        // One cache of registry answers for every filter (the typed client is transient), which trust-list-changed drops.
        builder.Services.AddSingleton(sp => new RegistryAnswerCache(sp.GetRequiredService<TimeProvider>(), () =>
            sp.GetRequiredService<IOptionsMonitor<GaiaXRegistryOptions>>().CurrentValue.CacheDuration
        ));
        builder.Services.AddSingleton<ITrustViewInvalidation>(sp => sp.GetRequiredService<RegistryAnswerCache>());

        // The registry gets its own pipeline instead of the default handler (stacked retries would
        // multiply); removing the default is the only way and is still marked experimental.
#pragma warning disable EXTEXP0001
        builder
            .Services.AddHttpClient<IGaiaXRegistry, GaiaXRegistryClient>(GaiaXRegistryClient.HttpClientName, (services, http) =>
            {
                var baseUrl = services.GetRequiredService<IOptions<GaiaXRegistryOptions>>().Value.BaseUrl!.AbsoluteUri;
                http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
                // The pipeline below owns the time-outs.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .RemoveAllResilienceHandlers()
            .AddResilienceHandler("gaiax-registry", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<GaiaXRegistryOptions>>().Value;
                pipeline.AddTimeout(options.TotalTimeout);
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(
                        new HttpRetryStrategyOptions
                        {
                            MaxRetryAttempts = options.MaxRetries,
                            BackoffType = DelayBackoffType.Exponential,
                            UseJitter = true,
                            Delay = TimeSpan.FromMilliseconds(200),
                        }
                    );
                }
                pipeline.AddTimeout(options.AttemptTimeout);
            });
#pragma warning restore EXTEXP0001
        return builder;
    }

    /// <summary>
    /// DID resolution and JWS verification for the filters, over the credential core registered by
    /// <c>AddServiceIdentity</c> (did:web resolver with its SSRF guard and cache, x5u fetcher, JOSE allow-list).
    /// </summary>
    public static WebApplicationBuilder AddCredentialVerification(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IVerificationMethodResolver, CredentialCoreVerificationMethodResolver>();
        builder.Services.TryAddSingleton<IJwsSignatureVerifier, CredentialCoreSignatureVerifier>();
        return builder;
    }

    /// <summary>The label credential issuer; it signs with the service identity (<c>AddServiceIdentity</c>).</summary>
    public static WebApplicationBuilder AddLabelCredentials(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<LabelCredentialIssuer>();
        return builder;
    }
}
