using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Keys;
using GaiaX.Oid4vc.Credentials.SdJwt;
using GaiaX.Oid4vc.Credentials.Status;
using GaiaX.Oid4vc.Credentials.VcJwt;
using GaiaX.Oid4vc.Credentials.X509;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Credentials.Hosting;

/// <summary>
/// Registers a service's identity (key, certificate, DID) and the credential core. The web host serves
/// the DID document (ServiceDefaults' <c>MapDidDocument</c>): the core depends on no web framework.
/// </summary>
public static class ServiceIdentityHosting
{
    /// <summary>
    /// Adds <see cref="ServiceIdentity"/> (from the <c>Identity</c> section; the DID derives from
    /// <c>{serviceSection}:PublicBaseUrl</c> unless <c>Identity:Did</c> is set), trust anchors
    /// (<c>Trust</c>), did:web resolution (<c>DidWeb</c>) and the credential issuers and verifiers:
    /// <see cref="VcJwtIssuer"/>, <see cref="VcJwtVerifier"/>, <see cref="VpJwtIssuer"/>,
    /// <see cref="VpJwtVerifier"/>, <see cref="SdJwtIssuer"/>, <see cref="SdJwtVerifier"/>, and
    /// <see cref="IJwsKeyResolver"/> (did:web or x5c to a trust anchor).
    /// </summary>
    /// <param name="builder">The service's builder.</param>
    /// <param name="serviceSection">The section whose <c>PublicBaseUrl</c> names the service.</param>
    /// <param name="defaultPublicBaseUrl">
    /// The service's own default of that setting, for a service started without it (on its own, on its port).
    /// </param>
    public static TBuilder AddServiceIdentity<TBuilder>(this TBuilder builder, string serviceSection, string? defaultPublicBaseUrl = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(serviceSection);
        var configuration = builder.Configuration;
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new ServiceIdentitySection(serviceSection));
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.SectionName));
        services.AddOptions<TrustOptions>().Bind(configuration.GetSection(TrustOptions.SectionName));
        var developmentSource = !string.Equals(
            configuration[$"{IdentityOptions.SectionName}:{nameof(IdentityOptions.Source)}"],
            nameof(IdentitySource.Files),
            StringComparison.OrdinalIgnoreCase
        );
        services
            .AddOptions<DidWebOptions>()
            .Bind(configuration.GetSection(DidWebOptions.SectionName))
            .PostConfigure(options =>
            {
                // Development identities live on http://127.0.0.1 (DevHost): allow it unless configured otherwise.
                if (developmentSource && configuration[$"{DidWebOptions.SectionName}:{nameof(DidWebOptions.AllowHttpLoopback)}"] is null)
                {
                    options.AllowHttpLoopback = true;
                }
            });

        var applicationName = builder.Environment.ApplicationName;
        var contentRoot = builder.Environment.ContentRootPath;
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<IdentityOptions>>().Value;
            var baseUrl = configuration[$"{serviceSection}:PublicBaseUrl"] ?? defaultPublicBaseUrl;
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var publicBaseUrl))
            {
                throw new InvalidOperationException($"Setting '{serviceSection}:PublicBaseUrl' is required to derive the service DID.");
            }
            if (options.Source == IdentitySource.Development && !builder.Environment.IsDevelopment())
            {
                sp.GetService<ILoggerFactory>()
                    ?.CreateLogger(typeof(ServiceIdentity))
                    .LogWarning(
                        "Identity:Source is Development outside the Development environment: a key and certificate from the "
                            + "development CA are used."
                    );
            }
            return ServiceIdentity.Load(
                options,
                publicBaseUrl,
                ShortName(applicationName),
                contentRoot,
                sp.GetRequiredService<TimeProvider>()
            );
        });
        services.TryAddSingleton(sp =>
        {
            var trust = sp.GetRequiredService<IOptions<TrustOptions>>().Value;
            var identity = sp.GetRequiredService<IOptions<IdentityOptions>>().Value;
            var anchors = new List<System.Security.Cryptography.X509Certificates.X509Certificate2>();
            foreach (var path in trust.AnchorCertificates)
            {
                anchors.AddRange(
                    StartupFailure
                        .Naming($"{TrustOptions.SectionName}:AnchorCertificates", path, () => TrustAnchors.FromPemFiles([path]))
                        .Certificates
                );
            }
            if (trust.TrustDevelopmentCa ?? identity.Source == IdentitySource.Development)
            {
                var caFolder = Path.GetFullPath(identity.DevelopmentCaPath ?? Path.Combine(".devhost-data", "dev-ca"), contentRoot);
                using var ca = StartupFailure.Naming("Identity:DevelopmentCaPath", caFolder, () =>
                    DevelopmentCertificateAuthority.LoadOrCreate(caFolder, sp.GetRequiredService<TimeProvider>())
                );
                anchors.Add(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(ca.RawData));
            }
            return new TrustAnchors(anchors);
        });
        // Loaded when the host starts, not at the first signature: a key that cannot be read or written, or a
        // trust anchor that is not there, stops the service with a message naming the setting instead of a 500.
        services.AddHostedService<ServiceIdentityStartupCheck>();
        services.TryAddSingleton(sp => new CertificateChainValidator(
            sp.GetRequiredService<TrustAnchors>(),
            sp.GetRequiredService<TimeProvider>()
        ));
        services.TryAddSingleton(sp => new DidWebHttp(
            DidWebResolver.CreateHttpClient(sp.GetRequiredService<IOptions<DidWebOptions>>().Value)
        ));
        services.TryAddSingleton(sp => new DidWebResolver(
            sp.GetRequiredService<DidWebHttp>().Client,
            sp.GetRequiredService<IOptions<DidWebOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()
        ));
        services.TryAddSingleton(sp => new X5uFetcher(
            sp.GetRequiredService<DidWebHttp>().Client,
            sp.GetRequiredService<IOptions<DidWebOptions>>().Value
        ));
        services.TryAddSingleton(sp => new DidWebKeyResolver(
            sp.GetRequiredService<DidWebResolver>(),
            sp.GetRequiredService<CertificateChainValidator>(),
            sp.GetRequiredService<X5uFetcher>(),
            sp.GetRequiredService<TimeProvider>()
        ));
        services.TryAddSingleton(sp => new X5cKeyResolver(
            sp.GetRequiredService<CertificateChainValidator>(),
            sp.GetRequiredService<IOptions<DidWebOptions>>().Value.RequiredCertificatePolicy
        ));
        services.TryAddSingleton<IJwsKeyResolver>(sp => new IssuerKeyResolver(
            sp.GetRequiredService<DidWebKeyResolver>(),
            sp.GetRequiredService<X5cKeyResolver>()
        ));
        services.TryAddSingleton<HeaderJwkResolver>();
        services.TryAddSingleton(sp => new HolderProofKeyResolver(
            sp.GetRequiredService<HeaderJwkResolver>(),
            sp.GetRequiredService<IJwsKeyResolver>()
        ));
        services.AddOptions<StatusListClientOptions>().Bind(configuration.GetSection(StatusListClientOptions.SectionName));
        services.TryAddSingleton(sp =>
        {
            var didWeb = sp.GetRequiredService<IOptions<DidWebOptions>>().Value;
            // The same host map as DID documents: the operator's own services' lists are fetched inside the cluster.
            var hosts = didWeb.Hosts.ToDictionary(h => h.Key, h => new Uri(h.Value, UriKind.Absolute), StringComparer.OrdinalIgnoreCase);
            return new StatusListClient(
                sp.GetRequiredService<DidWebHttp>().Client,
                sp.GetRequiredService<IJwsKeyResolver>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<IOptions<StatusListClientOptions>>().Value,
                hosts
            );
        });
        services.TryAddSingleton(sp => new VcJwtIssuer(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new VcJwtVerifier(sp.GetRequiredService<IJwsKeyResolver>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new VpJwtIssuer(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new VpJwtVerifier(
            sp.GetRequiredService<IJwsKeyResolver>(),
            sp.GetRequiredService<VcJwtVerifier>(),
            sp.GetRequiredService<TimeProvider>()
        ));
        services.TryAddSingleton(sp => new SdJwtIssuer(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new SdJwtVerifier(sp.GetRequiredService<IJwsKeyResolver>(), sp.GetRequiredService<TimeProvider>()));
        return builder;
    }

    private static string ShortName(string applicationName)
    {
        // GaiaX.Oid4vc.Issuer → issuer: one data folder per service.
        var last = applicationName.Split('.').LastOrDefault(s => s.Length > 0) ?? "service";
        return last.ToLowerInvariant();
    }

    /// <summary>Holds the one SSRF-guarded client for did:web and x5u fetches.</summary>
    internal sealed class DidWebHttp(HttpClient client) : IDisposable
    {
        public HttpClient Client { get; } = client;

        public void Dispose() => Client.Dispose();
    }
}
