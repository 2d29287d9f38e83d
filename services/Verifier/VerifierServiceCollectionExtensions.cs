using System.Security.Claims;
using GaiaX.Oid4vc.Credentials.Hosting;
using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Verifier.Dcql;
using GaiaX.Oid4vc.Verifier.Identity;
using GaiaX.Oid4vc.Verifier.Presentations;
using GaiaX.Oid4vc.Verifier.Requests;
using GaiaX.Oid4vc.Verifier.Responses;
using GaiaX.Oid4vc.Verifier.Status;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using GaiaX.Oid4vc.Credentials.Jose;
using Microsoft.IdentityModel.Tokens;

namespace GaiaX.Oid4vc.Verifier;

public static class VerifierServiceCollectionExtensions
{
    /// <summary>Registers the Verifier service's options and application services.</summary>
    public static WebApplicationBuilder AddVerifierServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<VerifierOptions>(VerifierOptions.SectionName);
        builder.AddGaiaXDapr();
        builder.AddServiceIdentity(VerifierOptions.SectionName);
        builder.UseDefaultRequestBodyLimit(1024 * 1024);

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IVerifierIdentity, ServiceVerifierIdentity>();

        // DCQL
        services.AddSingleton<DcqlQueryParser>();
        services.AddSingleton<DcqlEvaluator>();

        // Requests
        services.AddSingleton<IPresentationRequestStore, DaprPresentationRequestStore>();
        services.AddSingleton<CreatePresentationRequestValidator>();
        services.AddSingleton<RequestObjectRequestValidator>();
        services.AddSingleton<RequestObjectGenerator>();
        services.AddSingleton<PresentationRequestService>();

        // Responses and presentations
        services.AddSingleton(sp => new HolderKeyResolver(sp.GetRequiredService<IJwsKeyResolver>()));
        services.AddSingleton<TrustedIssuerList>();
        services.AddSingleton<IPresentationVerifier, JwtVcPresentationVerifier>();
        services.AddSingleton<IPresentationVerifier, SdJwtVcPresentationVerifier>();
        services.AddSingleton<AuthorizationResponseValidator>();
        services.AddSingleton<AuthorizationResponseRecorder>();
        services.AddSingleton<VerifierTelemetry>();

        // Status
        services.AddSingleton<IPresentationEventPublisher, DaprPresentationEventPublisher>();
        services.AddSingleton<PresentationStatusService>();

        builder.AddManagementApiAuthentication();
        return builder;
    }

    /// <summary>
    /// Bearer tokens for the management API (<see cref="ManagementApiOptions"/>), with one policy per
    /// scope. Without an authority or signing keys every management call is refused.
    /// </summary>
    private static void AddManagementApiAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<VerifierOptions>>((jwt, verifier) =>
            {
                var management = verifier.Value.Management;
                jwt.MapInboundClaims = false;
                jwt.RequireHttpsMetadata = management.RequireHttpsMetadata;
                if (!string.IsNullOrWhiteSpace(management.Authority))
                {
                    jwt.Authority = management.Authority;
                }
                var parameters = jwt.TokenValidationParameters;
                parameters.ValidAudience = management.Audience;
                parameters.ValidateIssuer = management.TokenIssuer is not null;
                parameters.ValidIssuer = management.TokenIssuer;
                parameters.ValidAlgorithms = ["ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "RS256", "RS384", "RS512"];
                var keys = new List<SecurityKey>();
                if (!string.IsNullOrWhiteSpace(management.SigningKeyJwk))
                {
                    keys.Add(new JsonWebKey(management.SigningKeyJwk));
                }
                if (!string.IsNullOrWhiteSpace(management.SigningKeysJwks))
                {
                    keys.AddRange(new JsonWebKeySet(management.SigningKeysJwks).GetSigningKeys());
                }
                if (keys.Count > 0 || string.IsNullOrWhiteSpace(management.Authority))
                {
                    // No authority and no key: the list stays empty and every token is refused.
                    parameters.IssuerSigningKeys = keys;
                }
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PresentationRequestsApi.WritePolicy, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => HasScope(c.User, ManagementApiOptions.WriteScope)))
            .AddPolicy(PresentationRequestsApi.ReadPolicy, policy => policy.RequireAuthenticatedUser().RequireAssertion(c =>
                HasScope(c.User, ManagementApiOptions.ReadScope) || HasScope(c.User, ManagementApiOptions.WriteScope)));
    }

    private static bool HasScope(ClaimsPrincipal user, string scope) =>
        user.FindAll("scope").Concat(user.FindAll("scp"))
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(scope, StringComparer.Ordinal);
}
