namespace Verifier.Tests.Support;

/// <summary>The verifier answered the wallet's fetch with an error.</summary>
public sealed class WalletException(int status, string body) : Exception($"HTTP {status}: {body}")
{
    public int Status { get; } = status;

    public string Body { get; } = body;
}
