using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GaiaX.Oid4vc.Dapr.Hosting;

/// <summary>
/// Refuses every request to a Dapr route (<see cref="DaprAppRouteMetadata"/>, or any route subscribed
/// with <c>WithTopic</c>) that does not carry the
/// app token: without it anyone who reaches the app could deliver a forged event (a prepared
/// credential, a compliance verdict). Fails closed: with no token configured every such request is
/// refused, and the service says so once at start.
/// </summary>
public sealed partial class DaprAppTokenMiddleware
{
    private readonly RequestDelegate _next;
    private readonly DaprAppToken _token;
    private readonly IProblemDetailsService? _problems;
    private readonly ILogger _logger;

    /// <summary>
    /// The token is the one <see cref="DaprHostingExtensions.AddGaiaXDapr{TBuilder}"/> registered, or,
    /// in an app that maps the Dapr routes without it, read from the same settings.
    /// </summary>
    public DaprAppTokenMiddleware(RequestDelegate next, IServiceProvider services, ILogger<DaprAppTokenMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        _next = next;
        var token = services.GetService<DaprAppToken>() ?? DaprAppToken.FromConfiguration(services.GetRequiredService<IConfiguration>());
        _token = token;
        _problems = services.GetService<IProblemDetailsService>();
        _logger = logger;
        if (!token.IsConfigured)
        {
            LogNoToken(logger, DaprHostingExtensions.AppApiTokenKey, DaprAppToken.EnvironmentVariable);
        }
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        var isDaprRoute =
            metadata?.GetMetadata<DaprAppRouteMetadata>() is not null || metadata?.GetMetadata<global::Dapr.ITopicMetadata>() is not null;
        if (!isDaprRoute || _token.Matches(context.Request.Headers[DaprAppToken.HeaderName].ToString()))
        {
            await _next(context).ConfigureAwait(false);
            return;
        }
        LogRefused(_logger, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (_problems is null)
        {
            await context
                .Response.WriteAsJsonAsync(
                    new Dictionary<string, object>
                    {
                        ["title"] = "Unauthorized",
                        ["status"] = 401,
                        ["detail"] = "Only the Dapr sidecar may call this route.",
                    },
                    System.Text.Json.JsonSerializerOptions.Web,
                    contentType: "application/problem+json"
                )
                .ConfigureAwait(false);
            return;
        }
        await _problems
            .WriteAsync(
                new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status401Unauthorized,
                        Title = "Unauthorized",
                        Detail = "Only the Dapr sidecar may call this route.",
                    },
                }
            )
            .ConfigureAwait(false);
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "No Dapr app token is configured ('{Setting}' or {Variable}): every event delivery and /dapr/subscribe will be refused"
    )]
    private static partial void LogNoToken(ILogger logger, string setting, string variable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to the Dapr route {Path} without the sidecar's app token")]
    private static partial void LogRefused(ILogger logger, PathString path);
}
