using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// Bearer authentication of the management APIs (Issuer offers, Verifier presentation requests),
/// written once so the services cannot drift apart in clock, key checks or scope rules.
/// </summary>
public static class ManagementApiAuthentication
{
    private static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.EcdsaSha256,
        SecurityAlgorithms.EcdsaSha384,
        SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSha256,
        SecurityAlgorithms.RsaSha384,
        SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256,
        SecurityAlgorithms.RsaSsaPssSha384,
        SecurityAlgorithms.RsaSsaPssSha512,
    ];

    /// <summary>
    /// Validates management bearer JWTs as <paramref name="section"/> (bound over
    /// <paramref name="defaults"/>) says: from the authority, or signed by the configured public
    /// JWK / JWKS, or (development) by the key of <see cref="DevelopmentTokens"/>, in that order of
    /// precedence. Lifetimes are judged by the injected <see cref="TimeProvider"/>; private or
    /// symmetric configured keys stop the start. Two policies named after
    /// <paramref name="scopes"/>: write needs the write scope, read either scope.
    /// </summary>
    public static TBuilder AddManagementApiAuthentication<TBuilder>(
        this TBuilder builder,
        IConfigurationSection section,
        ManagementApiScopes scopes,
        ManagementApiOptions defaults
    )
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(defaults);
        section.Bind(defaults);
        var settings = defaults;
        var keys = ConfiguredKeys(settings, section.Path);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        if (settings.UseDevelopmentTokens)
        {
            services.AddSingleton(sp => new DevelopmentTokens(settings.Audience, scopes, sp.GetRequiredService<TimeProvider>()));
        }
        var hasAuthority = !string.IsNullOrWhiteSpace(settings.Authority);
        if (!hasAuthority && keys.Count == 0 && !settings.UseDevelopmentTokens)
        {
            services.AddHostedService(sp => ActivatorUtilities.CreateInstance<ClosedManagementApiWarning>(sp, section.Path));
        }

        // Only the management policies (which name the scheme) look at bearer JWTs. The wallet's
        // opaque access tokens on protocol endpoints are not JWTs and are checked by the protocol's
        // own validator. ASP.NET Core makes a lone scheme the default, so the authentication
        // middleware would still run this handler on every protocol request (and the JWT reader
        // throws and catches on each opaque token): the handler skips endpoints without
        // authorization metadata.
        services.AddAuthentication().AddJwtBearer();
        services
            .AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IServiceProvider>(
                (jwt, provider) =>
                {
                    jwt.MapInboundClaims = false;
                    jwt.Events = new JwtBearerEvents
                    {
                        OnMessageReceived = SkipUnlessAuthorizationRequired,
                        OnChallenge = context => ExplainChallenge(context, settings.Audience),
                        OnForbidden = ExplainForbidden,
                    };
                    var parameters = jwt.TokenValidationParameters;
                    parameters.ValidAudience = settings.Audience;
                    parameters.ValidAlgorithms = AsymmetricAlgorithms;
                    parameters.ClockSkew = TimeSpan.FromSeconds(30);
                    // Lifetimes are judged by the service clock (TimeProvider), like every other expiry here.
                    var clock = provider.GetRequiredService<TimeProvider>();
                    parameters.LifetimeValidator = (notBefore, expires, _, validation) =>
                        IsCurrent(clock.GetUtcNow().UtcDateTime, notBefore, expires, validation.ClockSkew);
                    if (hasAuthority)
                    {
                        jwt.Authority = settings.Authority;
                        jwt.RequireHttpsMetadata = settings.RequireHttpsMetadata
                            ?? settings.Authority!.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                        // The discovered issuer is always accepted; a configured one as well.
                        parameters.ValidIssuer = settings.TokenIssuer;
                        if (keys.Count > 0)
                        {
                            parameters.IssuerSigningKeys = keys;
                        }
                    }
                    else if (keys.Count > 0)
                    {
                        parameters.IssuerSigningKeys = keys;
                        parameters.ValidIssuer = settings.TokenIssuer;
                        parameters.ValidateIssuer = settings.TokenIssuer is not null;
                    }
                    else if (provider.GetService<DevelopmentTokens>() is { } development)
                    {
                        parameters.IssuerSigningKey = development.SigningKey;
                        parameters.ValidIssuer = DevelopmentTokens.TokenIssuer;
                    }
                    else
                    {
                        // Nothing configured: the management API stays closed (every call 401), the
                        // protocol endpoints work; a warning at start says what to configure.
                        jwt.Events = new JwtBearerEvents
                        {
                            OnMessageReceived = context =>
                            {
                                context.NoResult();
                                return Task.CompletedTask;
                            },
                            OnChallenge = context =>
                            {
                                ProblemDetailsDefaults.SetDetail(
                                    context.HttpContext,
                                    "The management API is closed: no token authority or signing key is configured."
                                );
                                return Task.CompletedTask;
                            },
                        };
                    }
                }
            );
        var authorization = services.AddAuthorizationBuilder();
        foreach (var scope in scopes.Others)
        {
            authorization.AddPolicy(scope, policy =>
                policy
                    .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                    .RequireAuthenticatedUser()
                    .RequireAssertion(context => HasScope(context.User, scope))
            );
        }
        authorization
            .AddPolicy(scopes.Write, policy =>
                policy
                    .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                    .RequireAuthenticatedUser()
                    .RequireAssertion(context => HasScope(context.User, scopes.Write))
            )
            .AddPolicy(scopes.Read, policy =>
                policy
                    .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                    .RequireAuthenticatedUser()
                    .RequireAssertion(context => HasScope(context.User, scopes.Read) || HasScope(context.User, scopes.Write))
            );
        return builder;
    }

    /// <summary>
    /// The authentication and authorization middleware, placed after the shared error pages so that a
    /// 401 or 403 gets problem details like every other error. Call before mapping the management API.
    /// </summary>
    public static WebApplication UseManagementApiAuthentication(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Says why a token was refused, in <c>error_description</c> (RFC 6750) and the problem's detail: an
    /// audience or issuer mismatch names what was expected and what came; the token itself is never echoed.
    /// </summary>
    private static Task ExplainChallenge(JwtBearerChallengeContext context, string audience)
    {
        var description = context.AuthenticateFailure switch
        {
            null => context.Request.Headers.Authorization.Count == 0
                ? "The request carries no bearer token."
                : "The bearer token was not accepted.",
            SecurityTokenInvalidAudienceException wrong =>
                $"The token's audience '{wrong.InvalidAudience ?? ReceivedAudience(context.Request) ?? "(none)"}' is not the "
                    + $"expected '{audience}'.",
            SecurityTokenInvalidIssuerException wrong => $"The token's issuer '{wrong.InvalidIssuer ?? "(none)"}' is not trusted.",
            SecurityTokenExpiredException expired => $"The token expired at {expired.Expires:O}.",
            SecurityTokenInvalidLifetimeException => "The token is not valid at this time.",
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
                "The token's signature does not verify with a trusted key.",
            SecurityTokenInvalidAlgorithmException => "The token's algorithm is not accepted.",
            _ => "The bearer token is malformed or invalid.",
        };
        if (context.AuthenticateFailure is not null)
        {
            context.Error = GaiaX.Oid4vc.Credentials.Protocol.ErrorCodes.InvalidToken;
            context.ErrorDescription = description;
        }
        ProblemDetailsDefaults.SetDetail(context.HttpContext, description);
        return Task.CompletedTask;
    }

    /// <summary>The <c>aud</c> of the bearer token as sent (read, not trusted: it is only reported back).</summary>
    private static string? ReceivedAudience(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
        var token = header[prefix.Length..].Trim();
        return handler.CanReadToken(token) && handler.ReadJsonWebToken(token).Audiences.ToList() is { Count: > 0 } audiences
            ? string.Join(' ', audiences)
            : null;
    }

    private static Task ExplainForbidden(ForbiddenContext context)
    {
        ProblemDetailsDefaults.SetDetail(context.HttpContext, "The token does not grant the scope this operation needs.");
        return Task.CompletedTask;
    }

    /// <summary>Whether <paramref name="user"/>'s <c>scope</c> or <c>scp</c> claims (space-separated) hold <paramref
    /// name="scope"/>.</summary>
    public static bool HasScope(ClaimsPrincipal user, string scope)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindAll("scope")
            .Concat(user.FindAll("scp"))
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(scope, StringComparer.Ordinal);
    }

    private static bool IsCurrent(DateTime now, DateTime? notBefore, DateTime? expires, TimeSpan skew) =>
        expires is { } exp && now <= exp + skew && (notBefore is not { } nbf || now >= nbf - skew);

    /// <summary>
    /// The configured public keys; a setting that is not a key, or that holds a private or symmetric
    /// key (a secret that must not sit in a verifier's configuration), stops the start naming the setting.
    /// </summary>
    private static List<SecurityKey> ConfiguredKeys(ManagementApiOptions settings, string section)
    {
        if (string.IsNullOrWhiteSpace(settings.Audience))
        {
            throw Invalid(section, nameof(ManagementApiOptions.Audience), "is required");
        }
        if (settings.Authority is { } authority && !new AbsoluteHttpUrlAttribute().IsValid(authority))
        {
            throw Invalid(section, nameof(ManagementApiOptions.Authority), "must be an absolute http or https URL without a fragment");
        }
        var keys = new List<SecurityKey>();
        if (!string.IsNullOrWhiteSpace(settings.SigningKeyJwk))
        {
            var key = Parse(
                () => new JsonWebKey(settings.SigningKeyJwk),
                section,
                nameof(ManagementApiOptions.SigningKeyJwk),
                "is not a JSON Web Key"
            );
            CheckPublic(key, section, nameof(ManagementApiOptions.SigningKeyJwk));
            keys.Add(key);
        }
        if (!string.IsNullOrWhiteSpace(settings.SigningKeysJwks))
        {
            var set = Parse(
                () => new JsonWebKeySet(settings.SigningKeysJwks),
                section,
                nameof(ManagementApiOptions.SigningKeysJwks),
                "is not a JSON Web Key Set"
            );
            foreach (var key in set.Keys)
            {
                CheckPublic(key, section, nameof(ManagementApiOptions.SigningKeysJwks));
            }
            keys.AddRange(set.GetSigningKeys());
        }
        return keys;
    }

    private static void CheckPublic(JsonWebKey key, string section, string setting)
    {
        if (key.HasPrivateKey || key.Kty == JsonWebAlgorithmsKeyTypes.Octet)
        {
            throw Invalid(section, setting, "give the public key of the token signer, not a private or symmetric key");
        }
    }

    private static T Parse<T>(Func<T> parse, string section, string setting, string problem)
    {
        try
        {
            return parse();
        }
        catch (ArgumentException)
        {
            throw Invalid(section, setting, problem);
        }
    }

    private static OptionsValidationException Invalid(string section, string setting, string problem) =>
        new(section, typeof(ManagementApiOptions), [$"Setting '{section}:{setting}' is invalid: {problem}"]);

    private static Task SkipUnlessAuthorizationRequired(MessageReceivedContext context)
    {
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is null)
        {
            context.NoResult();
        }
        return Task.CompletedTask;
    }
}
