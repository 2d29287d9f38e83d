using GaiaX.Oid4vc.Dapr.Embedded;

namespace Issuer.Tests.Attacks;

/// <summary>An Issuer whose pre-authorized code reads can be held, to order a request after others.</summary>
public sealed class HoldingFixture : IAsyncLifetime
{
    public HoldingStorage Storage { get; } = new(new InMemoryEmbeddedStorage());

    public IssuerFixture Issuer { get; }

    public HoldingFixture() => Issuer = new IssuerFixture { Storage = Storage };

    public Task InitializeAsync() => Issuer.InitializeAsync();

    public Task DisposeAsync() => Issuer.DisposeAsync();
}
