using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GaiaX.Oid4vc.Issuer.Management;

public static class ManagementAuthentication
{
    private static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
    ];

    /// <summary>
    /// Bearer authentication for <c>/api/*</c>: tokens from the configured authority, or signed by
    /// the configured public key, or (development) by the key of <see cref="DevelopmentTokens"/>;
    /// one authorization policy per scope.
    /// </summary>
    public static WebApplicationBuilder AddManagementAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection($"{IssuerOptions.SectionName}:Management").Get<ManagementAuthenticationOptions>() ?? new();
        if (settings.UseDevelopmentTokens)
        {
            builder.Services.AddSingleton<DevelopmentTokens>();
        }
        // Only the management policies (which name the scheme) look at bearer JWTs. The wallet's
        // opaque access tokens on protocol endpoints are not JWTs and are checked by the protocol's
        // own validator. ASP.NET Core makes a lone scheme the default, so the authentication
        // middleware would still run this handler on every protocol request (and the JWT reader
        // throws and catches on each opaque token): the handler skips endpoints without
        // authorization metadata.
        builder.Services.AddAuthentication().AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IServiceProvider>((jwt, services) =>
            {
                jwt.MapInboundClaims = false;
                jwt.Events = new JwtBearerEvents { OnMessageReceived = SkipUnlessAuthorizationRequired };
                jwt.TokenValidationParameters.ValidAudience = settings.Audience;
                jwt.TokenValidationParameters.ValidAlgorithms = AsymmetricAlgorithms;
                jwt.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
                // Lifetimes are judged by the service clock (TimeProvider), like every other expiry here.
                var clock = services.GetRequiredService<TimeProvider>();
                jwt.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    return expires is { } exp && now <= exp + parameters.ClockSkew && (notBefore is not { } nbf || now >= nbf - parameters.ClockSkew);
                };
                if (!string.IsNullOrWhiteSpace(settings.Authority))
                {
                    jwt.Authority = settings.Authority;
                    jwt.RequireHttpsMetadata = settings.Authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                }
                else if (!string.IsNullOrWhiteSpace(settings.SigningKeyJwk))
                {
                    var key = new JsonWebKey(settings.SigningKeyJwk);
                    if (key.HasPrivateKey || key.Kty == JsonWebAlgorithmsKeyTypes.Octet)
                    {
                        throw new OptionsValidationException(nameof(IssuerOptions), typeof(IssuerOptions), ["Setting 'Issuer:Management:SigningKeyJwk' is invalid: give the public key of the token signer, not a private or symmetric key"]);
                    }
                    jwt.TokenValidationParameters.IssuerSigningKey = key;
                    jwt.TokenValidationParameters.ValidIssuer = settings.TokenIssuer;
                    jwt.TokenValidationParameters.ValidateIssuer = settings.TokenIssuer is not null;
                }
                else if (services.GetService<DevelopmentTokens>() is { } development)
                {
                    jwt.TokenValidationParameters.IssuerSigningKey = development.SigningKey;
                    jwt.TokenValidationParameters.ValidIssuer = DevelopmentTokens.TokenIssuer;
                }
                else
                {
                    // Nothing configured: the management API stays closed (every call 401), the
                    // protocol endpoints work; a warning at start says what to configure.
                    jwt.Events = new JwtBearerEvents { OnMessageReceived = context => { context.NoResult(); return Task.CompletedTask; } };
                }
            });
        if (string.IsNullOrWhiteSpace(settings.Authority) && string.IsNullOrWhiteSpace(settings.SigningKeyJwk) && !settings.UseDevelopmentTokens)
        {
            builder.Services.AddHostedService<ClosedManagementApiWarning>();
        }
        builder.Services.AddAuthorization(authorization =>
        {
            foreach (var scope in ManagementScopes.All)
            {
                authorization.AddPolicy(scope, policy => policy
                    .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                    .RequireAuthenticatedUser()
                    .RequireAssertion(context => HasScope(context.User, scope)));
            }
        });
        return builder;
    }

    private static Task SkipUnlessAuthorizationRequired(MessageReceivedContext context)
    {
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is null)
        {
            context.NoResult();
        }
        return Task.CompletedTask;
    }

    private static bool HasScope(System.Security.Claims.ClaimsPrincipal user, string scope) =>
        user.FindAll("scope").Concat(user.FindAll("scp"))
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(scope, StringComparer.Ordinal);
}

/// <summary>Says at start that the management API refuses every call until authentication is configured.</summary>
internal sealed partial class ClosedManagementApiWarning(ILogger<ClosedManagementApiWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogClosed(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Issuer management API (/api/offers) refuses every call: configure Issuer:Management:Authority, Issuer:Management:SigningKeyJwk, or (development) Issuer:Management:UseDevelopmentTokens.")]
    private static partial void LogClosed(ILogger logger);
}
