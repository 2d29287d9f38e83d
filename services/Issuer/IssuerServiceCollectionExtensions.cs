using System.Reflection;
using GaiaX.Oid4vc.Credentials.Hosting;
using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.Dapr.StatusLists;
using GaiaX.Oid4vc.Issuer.Authorization;
using GaiaX.Oid4vc.Issuer.Credentials;
using GaiaX.Oid4vc.Issuer.Deferred;
using GaiaX.Oid4vc.Issuer.Events;
using GaiaX.Oid4vc.Issuer.Management;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Nonce;
using GaiaX.Oid4vc.Issuer.Notification;
using GaiaX.Oid4vc.Issuer.Offers;
using GaiaX.Oid4vc.Issuer.Signing;
using GaiaX.Oid4vc.Issuer.Token;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.ServiceDefaults.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer;

public static class IssuerServiceCollectionExtensions
{
    /// <summary>Registers the Issuer service's options and application services.</summary>
    public static WebApplicationBuilder AddIssuerServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddDefaultCredentialConfigurations(builder.Configuration);
        builder.AddValidatedOptions<IssuerOptions>(IssuerOptions.SectionName);
        // A dc+sd-jwt configuration without a vct gets the URL where this Issuer serves its type metadata.
        builder.Services.PostConfigure<IssuerOptions>(issuer =>
        {
            Profiles.IssuerProfiles.Apply(issuer);
            foreach (var (id, configuration) in issuer.CredentialConfigurations)
            {
                if (
                    configuration.Format == GaiaX.Oid4vc.Credentials.CredentialFormats.SdJwtVc
                    && string.IsNullOrWhiteSpace(configuration.Vct)
                )
                {
                    configuration.Vct = TypeMetadataDocuments.ServedVct(issuer.PublicBaseUrl, id);
                }
            }
        });
        builder.Services.AddSingleton<IValidateOptions<IssuerOptions>, CredentialConfigurationsValidator>();
        builder.Services.AddSingleton<IValidateOptions<IssuerOptions>, Clients.ClientSettingsValidator>();
        builder.Services.AddSingleton<IValidateOptions<IssuerOptions>, Profiles.IssuerProfiles.Validator>();
        builder.Services.AddSingleton<IValidateOptions<IssuerOptions>, Encryption.EncryptionSettingsValidator>();
        builder.AddGaiaXDapr();
        builder.AddServiceIdentity(IssuerOptions.SectionName, new IssuerOptions().PublicBaseUrl);
        builder.AddWebhooks(IssuerOptions.SectionName);
        builder.AddStatusLists(sp => new Uri(sp.GetRequiredService<IOptions<IssuerOptions>>().Value.PublicBaseUrl));
        builder.UseDefaultRequestBodyLimit(256 * 1024);
        builder.AddManagementApiAuthentication(
            builder.Configuration.GetSection($"{IssuerOptions.SectionName}:Management"),
            ManagementScopes.Api,
            new IssuerOptions().Management
        );

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IssuerEndpoints>();
        services.TryAddSingleton<IssuerMetrics>();
        services.AddSingleton<CredentialConfigurationCatalog>();
        services.TryAddSingleton<IIssuerSigningKey, ServiceIdentitySigningKey>();
        services.AddSingleton<HolderKeyResolver>();
        services.AddSingleton<Status.IssuedCredentialRegistry>();
        services.AddSingleton<ServiceDefaults.Memory.IIdleTrimmable>(sp => sp.GetRequiredService<Status.IssuedCredentialRegistry>());
        services.AddSingleton<IssuerMetadataDocument>();
        services.AddSingleton<Encryption.CredentialEncryption>();
        services.AddSingleton<TypeMetadataDocuments>();
        services.AddSingleton<Protocol.SharedMacKey>();

        // Stores: every one on the Dapr state store (TTL, ETag single use).
        services.AddSingleton<IOfferStore, OfferStore>();
        services.AddSingleton<IPreAuthorizedCodeStore, PreAuthorizedCodeStore>();
        services.AddSingleton<AccessTokenStore>();
        services.AddSingleton<IAccessTokenStore>(sp => sp.GetRequiredService<AccessTokenStore>());
        services.AddSingleton<ServiceDefaults.Memory.IIdleTrimmable>(sp => sp.GetRequiredService<AccessTokenStore>());
        services.AddSingleton<IRefreshTokenFamilyStore, RefreshTokenFamilyStore>();
        services.AddSingleton<IJwtReplayCache, JwtReplayCache>();
        services.AddSingleton<DpopNonces>();
        services.AddSingleton<Clients.ClientRegistry>();
        services.AddSingleton<Clients.ClientAuthenticator>();
        services.AddSingleton<Clients.AttestationChallenges>();
        services.AddSingleton<INonceStore, NonceStore>();
        services.AddSingleton<Protocol.ISingleUseStore<AuthorizationCodeRecord>, AuthorizationCodeStore>();
        services.AddSingleton<IPushedAuthorizationRequestStore, PushedAuthorizationRequestStore>();
        services.AddSingleton<IPreparedCredentialStore, PreparedCredentialStore>();
        services.AddSingleton<IDeferredTransactionStore, DeferredTransactionStore>();
        services.AddSingleton<PreparationDeadline>();
        services.AddSingleton<INotificationStore, NotificationStore>();

        // Protocol: validators and response generators.
        services.AddSingleton<CreateOfferRequestValidator>();
        services.AddSingleton<CredentialOfferGenerator>();
        services.AddSingleton<DpopProofValidator>();
        services.AddSingleton<TokenRequestValidator>();
        services.AddSingleton<TokenResponseGenerator>();
        services.AddSingleton<AuthorizationRequestValidator>();
        services.AddSingleton<PushedAuthorizationRequestValidator>();
        services.AddSingleton<PushedAuthorizationResponseGenerator>();
        services.AddSingleton<AuthorizeRequestValidator>();
        services.AddSingleton<AuthorizeResponseGenerator>();
        services.TryAddSingleton<IAuthorizationSubjectResolver, IssuerStateSubjectResolver>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddSingleton<KeyProofValidator>();
        services.AddSingleton<KeyAttestationValidator>();
        services.AddSingleton<CredentialIssuanceTimes>();
        services.AddSingleton<ICredentialFormatter, JwtVcJsonFormatter>();
        services.AddSingleton<ICredentialFormatter, SdJwtVcFormatter>();
        services.AddSingleton<CredentialRequestValidator>();
        services.AddSingleton<IssuedCredentialRecorder>();
        services.AddSingleton<CredentialResponseGenerator>();
        services.AddSingleton<DeferredCredentialRequestValidator>();
        services.AddSingleton<DeferredCredentialResponseGenerator>();
        services.AddSingleton<NotificationRequestValidator>();
        services.AddSingleton<NotificationResponseGenerator>();

        services.AddSingleton<CredentialPreparedHandler>();
        services.AddSingleton<CredentialAssessedHandler>();
        services.AddSingleton<ComplianceAssessedHandler>();
        return builder;
    }

    /// <summary>
    /// The Gaia-X credential configurations shipped with the service (<c>issuer.defaults.json</c>), used unless the
    /// deployment configures a configuration of its own under <c>Issuer:CredentialConfigurations</c>. Settings under a
    /// shipped configuration's id (e.g. its <c>KeyAttestations</c>) refine the shipped one.
    /// </summary>
    private static void AddDefaultCredentialConfigurations(ConfigurationManager configuration)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("issuer.defaults.json")
            ?? throw new InvalidOperationException("issuer.defaults.json is missing from the Issuer assembly.");
        var defaults = new MemoryStream();
        stream.CopyTo(defaults);
        var shipped = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(defaults.ToArray()))
            .Build()
            .GetSection($"{IssuerOptions.SectionName}:CredentialConfigurations")
            .GetChildren()
            .Select(c => c.Key)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var configured = configuration.GetSection($"{IssuerOptions.SectionName}:CredentialConfigurations").GetChildren();
        if (configured.Any(c => !shipped.Contains(c.Key)))
        {
            return;
        }
        // Inserted first, so every other source (files, environment, command line) overrides it.
        var source = new Microsoft.Extensions.Configuration.Json.JsonStreamConfigurationSource
        {
            Stream = new MemoryStream(defaults.ToArray()),
        };
        configuration.Sources.Insert(0, source);
    }
}
