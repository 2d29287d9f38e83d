namespace Issuer.Tests.Attacks;

/// <summary>An Issuer that accepts authorization requests without PAR, for the direct <c>/authorize</c> path.</summary>
public sealed class DirectAuthorizeFixture : IAsyncLifetime
{
    public IssuerFixture Issuer { get; } = new() { ExtraArgs = ["--Issuer:RequirePushedAuthorizationRequests=false"] };

    public Task InitializeAsync() => Issuer.InitializeAsync();

    public Task DisposeAsync() => Issuer.DisposeAsync();
}
