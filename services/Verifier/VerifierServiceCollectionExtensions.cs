using GaiaX.Oid4vc.Credentials.Hosting;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.ServiceDefaults.Webhooks;
using GaiaX.Oid4vc.Verifier.Dcql;
using GaiaX.Oid4vc.Verifier.Identity;
using GaiaX.Oid4vc.Verifier.Presentations;
using GaiaX.Oid4vc.Verifier.Requests;
using GaiaX.Oid4vc.Verifier.Responses;
using GaiaX.Oid4vc.Verifier.Status;
using GaiaX.Oid4vc.Verifier.Trust;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GaiaX.Oid4vc.Verifier;

public static class VerifierServiceCollectionExtensions
{
    /// <summary>Registers the Verifier service's options and application services.</summary>
    public static WebApplicationBuilder AddVerifierServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<VerifierOptions>(VerifierOptions.SectionName);
        builder.AddGaiaXDapr();
        builder.AddServiceIdentity(VerifierOptions.SectionName, new VerifierOptions().PublicBaseUrl);
        builder.AddWebhooks(VerifierOptions.SectionName);
        builder.UseDefaultRequestBodyLimit(1024 * 1024);

        var services = builder.Services;
        // The management API answers in snake_case (PresentationRequestStatusView.SerializerOptions), so its
        // schemas name the members that way too. Not through the HTTP JSON options: events bind with those.
        services.ConfigureAll<OpenApiOptions>(openApi => openApi.AddSchemaTransformer<SnakeCaseSchemaTransformer>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IVerifierIdentity, ServiceVerifierIdentity>();
        services.AddHostedService<Identity.VerifierIdentityStartupCheck>();

        // DCQL
        services.AddSingleton<DcqlQueryParser>();
        services.AddSingleton<DcqlEvaluator>();

        // Requests
        services.AddSingleton<IPresentationRequestStore, DaprPresentationRequestStore>();
        services.AddSingleton<CreatePresentationRequestValidator>();
        services.AddSingleton<RequestObjectRequestValidator>();
        services.AddSingleton<RequestObjectGenerator>();
        services.AddSingleton<PresentationRequestService>();

        // Trust: the configured trust, or the Registry's trust list of the moment (Verifier:Trust:Registry). Every
        // issuer key is resolved through the current view, which replaces the credential core's fixed resolver.
        services.AddSingleton<TrustViewFactory>();
        services.AddSingleton<TrustListFollower>();
        services.Replace(ServiceDescriptor.Singleton<IJwsKeyResolver, TrustViewKeyResolver>());
        services.AddHostedService<TrustListRefresher>();
        services.AddHealthChecks().AddCheck<TrustViewHealthCheck>(TrustViewHealthCheck.Name, tags: [ServiceDefaultsExtensions.ReadyTag]);

        // Responses and presentations
        services.AddSingleton(sp => new HolderKeyResolver(sp.GetRequiredService<IJwsKeyResolver>()));
        services.AddSingleton<TrustedIssuerList>();
        services.AddSingleton<IPresentationVerifier, JwtVcPresentationVerifier>();
        services.AddSingleton<IPresentationVerifier, SdJwtVcPresentationVerifier>();
        services.AddSingleton<AuthorizationResponseValidator>();
        services.AddSingleton<AuthorizationResponseRecorder>();
        services.AddSingleton<VerifierTelemetry>();
        services.AddSingleton<PresentationStatusNotifier>();

        // Status
        services.AddSingleton<IPresentationEventPublisher, DaprPresentationEventPublisher>();
        services.AddSingleton<PresentationStatusService>();

        builder.AddManagementApiAuthentication(
            builder.Configuration.GetSection($"{VerifierOptions.SectionName}:Management"),
            ManagementScopes.Api,
            new VerifierOptions().Management
        );
        return builder;
    }
}
