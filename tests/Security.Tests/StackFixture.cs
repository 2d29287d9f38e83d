using System.Net.Http.Headers;
using GaiaX.Oid4vc.DevHost;
using GaiaX.Oid4vc.DevHost.Onboarding;

namespace Security.Tests;

/// <summary>
/// The whole DevHost stack on free ports, attacked from outside over HTTP as a stranger would: no
/// test here reaches into a service, every request is one a client on the network could send.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    public ManagementTokens Tokens { get; } = new(TimeProvider.System);

    public DevStack Stack { get; private set; } = null!;

    public HttpClient Client { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync()
    {
        Stack = await DevStack.StartAsync(new DevStackSettings
        {
            IssuerPort = 0,
            VerifierPort = 0,
            NotaryPort = 0,
            CompliancePort = 0,
            ServiceArgs = [.. Tokens.ServiceArguments()],
        });
    }

    public Uri Url(string service, string path) => new(Stack[service].BaseUrl, path);

    /// <summary>A request with the management bearer token of the Issuer or the Verifier.</summary>
    public HttpRequestMessage Management(HttpMethod method, string service, string path)
    {
        var request = new HttpRequestMessage(method, Url(service, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", service == "issuer" ? Tokens.IssuerToken() : Tokens.VerifierToken());
        return request;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Stack.DisposeAsync();
        Tokens.Dispose();
    }
}

/// <summary>One stack for the whole suite: on two cores, stacks run best one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "attacked stack";
}
