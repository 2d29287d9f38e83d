using GaiaX.Oid4vc.Dapr.Embedded;
using GaiaX.Oid4vc.Testing;

namespace Issuer.Tests.Attacks;

/// <summary>An Issuer whose state store goes down on cue.</summary>
public sealed class OutageFixture : IAsyncLifetime
{
    public FaultInjectingEmbeddedStorage Storage { get; } = new(new InMemoryEmbeddedStorage());

    public IssuerFixture Issuer { get; }

    public OutageFixture() => Issuer = new IssuerFixture { Storage = Storage };

    public Task InitializeAsync() => Issuer.InitializeAsync();

    public Task DisposeAsync() => Issuer.DisposeAsync();
}
