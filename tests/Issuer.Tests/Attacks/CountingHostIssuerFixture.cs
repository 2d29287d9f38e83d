using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Issuer.Tests.Attacks;

/// <summary>
/// An Issuer that may fetch did:web documents from loopback hosts (as DevHost does), and a loopback
/// host that counts every request it receives: a key proof must never make the Issuer call out.
/// </summary>
public sealed class CountingHostIssuerFixture : IAsyncLifetime
{
    private WebApplication? _counter;
    private int _requests;

    public IssuerFixture Issuer { get; } = new() { ExtraArgs = ["--DidWeb:AllowHttpLoopback=true"] };

    /// <summary>Requests the counting host received so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _counter = builder.Build();
        _counter.Run(context =>
        {
            Interlocked.Increment(ref _requests);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await _counter.StartAsync();
        var address = _counter.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
        await Issuer.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Issuer.DisposeAsync();
        if (_counter is not null)
        {
            await _counter.DisposeAsync();
        }
    }
}
