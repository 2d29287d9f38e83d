using GaiaX.Oid4vc.Compliance;
using GaiaX.Oid4vc.Dapr;
using GaiaX.Oid4vc.Issuer;
using GaiaX.Oid4vc.Notary;
using GaiaX.Oid4vc.Registry;
using GaiaX.Oid4vc.Testing;
using GaiaX.Oid4vc.Verifier;
using Microsoft.AspNetCore.Builder;

namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>
/// One deployed service as the code names it: its Dapr app id (<see cref="AppIds"/>), its project
/// folder, its local port (<c>XxxProgram.DefaultPort</c>) and the paths and image derived from them.
/// <see cref="HasServiceIdentity"/> says whether it signs with a did:web identity of its own
/// (<c>AddServiceIdentity</c>, <c>/.well-known/did.json</c>, the <c>&lt;app&gt;-identity</c> Secret).
/// </summary>
internal sealed record DeployedService(
    string AppId,
    string Folder,
    int LocalPort,
    Func<string[], Action<WebApplicationBuilder>, WebApplication> Create,
    bool HasServiceIdentity = true)
{
    /// <summary>The port every service listens on in its container (Dockerfile, manifests, Dapr).</summary>
    public const int ContainerPort = 8080;

    /// <summary>The unprivileged user of the ASP.NET base images (<c>$APP_UID</c>).</summary>
    public const long AppUid = 1654;

    public const string Namespace = "gaiax-oid4vc";

    public static IReadOnlyList<DeployedService> All { get; } =
    [
        new(AppIds.Issuer, "Issuer", IssuerProgram.DefaultPort, (a, c) => IssuerProgram.Create(a, c)),
        new(AppIds.Verifier, "Verifier", VerifierProgram.DefaultPort, (a, c) => VerifierProgram.Create(a, c)),
        new(AppIds.Notary, "Notary", NotaryProgram.DefaultPort, (a, c) => NotaryProgram.Create(a, c)),
        new(AppIds.Compliance, "Compliance", ComplianceProgram.DefaultPort, (a, c) => ComplianceProgram.Create(a, c)),
        // The Registry signs nothing and resolves no DID: its answers are plain JSON over the ingress's TLS, and it
        // trusts from its own trust list (state store), not from Trust:AnchorCertificates. So it has no key to mount,
        // no DID and no <app>-identity Secret; the identity checks apply to the services that sign.
        new(AppIds.Registry, "Registry", RegistryProgram.DefaultPort, (a, c) => RegistryProgram.Create(a, c), HasServiceIdentity: false),
    ];

    /// <summary>
    /// The web console: an image of its own (its Dockerfile follows the same rules), but no Dapr app and no identity, and
    /// deployed only where an overlay selects k8s/components/console (ConsoleComponentTests), so it is not in <see cref="All"/>.
    /// </summary>
    public static DeployedService Console { get; } =
        new("console", "Console", WebConsole.ConsoleProgram.DefaultPort, (a, c) => WebConsole.ConsoleProgram.Create(a, c), HasServiceIdentity: false);

    /// <summary>Every image the repository builds: the deployed services and the console.</summary>
    public static IReadOnlyList<DeployedService> WithImages => [.. All, Console];

    public static TheoryData<string> ImageAppIdData
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var service in WithImages)
            {
                data.Add(service.AppId);
            }
            return data;
        }
    }

    /// <summary>The services that sign with an identity of their own (see <see cref="HasServiceIdentity"/>).</summary>
    public static IEnumerable<DeployedService> Signing => All.Where(s => s.HasServiceIdentity);

    public static TheoryData<string> AppIdData
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var service in All)
            {
                data.Add(service.AppId);
            }
            return data;
        }
    }

    public static TheoryData<string> SigningAppIdData
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var service in Signing)
            {
                data.Add(service.AppId);
            }
            return data;
        }
    }

    public static DeployedService Get(string appId) => WithImages.Single(s => s.AppId == appId);

    /// <summary>Repository-relative path of the service project.</summary>
    public string ProjectPath => $"services/{Folder}/GaiaX.Oid4vc.{Folder}.csproj";

    /// <summary>Repository-relative path of the service's Dockerfile.</summary>
    public string DockerfilePath => $"services/{Folder}/Dockerfile";

    /// <summary>The image name in k8s/base, skaffold.yaml and the Tiltfile.</summary>
    public string Image => "gaiax-oid4vc/" + AppId;

    /// <summary>The configuration key of the URL wallets and parties reach the service at.</summary>
    public string PublicBaseUrlKey => Folder + "__PublicBaseUrl";

    public static string PathOf(string repositoryRelative) =>
        Path.Combine(RepositoryPaths.Root, repositoryRelative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string repositoryRelative) => File.ReadAllText(PathOf(repositoryRelative));
}
