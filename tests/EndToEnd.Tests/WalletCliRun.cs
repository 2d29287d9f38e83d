namespace EndToEnd.Tests;

/// <summary>One finished run of the wallet CLI.</summary>
public sealed record WalletCliRun(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
