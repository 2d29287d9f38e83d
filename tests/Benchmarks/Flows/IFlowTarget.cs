namespace GaiaX.Oid4vc.Benchmarks.Flows;

/// <summary>The stack a load run drives: DevHost in one process, or the production rehearsal's separate processes.</summary>
public interface IFlowTarget : IAsyncDisposable
{
    /// <summary>What the CPU figure covers, for the report.</summary>
    string Description { get; }

    /// <summary>The public URL of <paramref name="service"/> (issuer, verifier, notary, compliance).</summary>
    Uri this[string service] { get; }

    /// <summary>A management API token for <paramref name="service"/> (issuer or verifier).</summary>
    string Token(string service);

    /// <summary>The CPU time so far of every server process (user and system, every thread).</summary>
    TimeSpan Cpu { get; }

    /// <summary>The resident memory of the process that runs the Issuer, in bytes.</summary>
    long IssuerResidentBytes { get; }
}
