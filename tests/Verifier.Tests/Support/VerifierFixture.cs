namespace Verifier.Tests.Support;

/// <summary>One Verifier per test class (tests in a class share it but never each other's requests).</summary>
public sealed class VerifierFixture : IAsyncLifetime
{
    public VerifierHost Verifier { get; private set; } = null!;

    public async Task InitializeAsync() => Verifier = await VerifierHost.StartAsync();

    public async Task DisposeAsync() => await Verifier.DisposeAsync();
}
