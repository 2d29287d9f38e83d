using GaiaX.Oid4vc.Credentials.Hosting;
using GaiaX.Oid4vc.Credentials.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// Serves the service's did:web document. It lives here, not in the credential core, so that the
/// core (keys, JOSE, VCs) depends on no web framework.
/// </summary>
public static class DidDocumentEndpoints
{
    /// <summary>
    /// Serves the DID document at <c>/.well-known/did.json</c>, and at <c>/{path}/did.json</c> when
    /// the public base URL has a path (did:web path form).
    /// </summary>
    public static IEndpointRouteBuilder MapDidDocument(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        static IResult Serve(ServiceIdentity identity) => Results.Text(identity.DidDocumentJson, "application/did+json");
        endpoints
            .MapGet("/.well-known/did.json", Serve)
            .WithSummary("The service's did:web document")
            .Produces<System.Text.Json.Nodes.JsonObject>(StatusCodes.Status200OK, "application/did+json");
        // The identity itself is loaded on first use, so a bad setting surfaces through options validation at start.
        var settings = endpoints.ServiceProvider.GetRequiredService<ServiceIdentitySection>();
        var configuration = endpoints.ServiceProvider.GetRequiredService<IConfiguration>();
        if (
            Uri.TryCreate(configuration[$"{settings.ServiceSection}:PublicBaseUrl"], UriKind.Absolute, out var baseUrl)
            && baseUrl.AbsolutePath.Trim('/') is { Length: > 0 } path
        )
        {
            endpoints.MapGet("/" + path + "/did.json", Serve).ExcludeFromDescription();
        }
        return endpoints;
    }
}
