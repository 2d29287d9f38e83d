using GaiaX.Oid4vc.Credentials.DidWeb;
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
        // Read from configuration, not from the identity: mapping happens before the host starts.
        var settings = endpoints.ServiceProvider.GetRequiredService<ServiceIdentitySection>();
        var configuration = endpoints.ServiceProvider.GetRequiredService<IConfiguration>();
        foreach (var path in DocumentPaths(configuration, settings.ServiceSection))
        {
            endpoints.MapGet(path, Serve).ExcludeFromDescription();
        }
        return endpoints;
    }

    /// <summary>
    /// Where else the document is served: at the path of the DID (<c>Identity:Did</c>, <c>did:web:host:a:b</c> is
    /// resolved at <c>/a/b/did.json</c>, DID Web section 3.2) and at the path of the public base URL.
    /// </summary>
    private static IEnumerable<string> DocumentPaths(IConfiguration configuration, string serviceSection)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        if (
            configuration["Identity:Did"] is { Length: > 0 } did
            && DidWebUrl.ToDocumentUrl(did, allowHttpLoopback: true) is { Succeeded: true, Value: { } documentUrl }
            && documentUrl.AbsolutePath != "/.well-known/did.json"
        )
        {
            paths.Add(documentUrl.AbsolutePath);
        }
        if (
            Uri.TryCreate(configuration[$"{serviceSection}:PublicBaseUrl"], UriKind.Absolute, out var baseUrl)
            && baseUrl.AbsolutePath.Trim('/') is { Length: > 0 } path
        )
        {
            paths.Add("/" + path + "/did.json");
        }
        return paths;
    }
}
