using BenchmarkDotNet.Attributes;
using GaiaX.Oid4vc.Credentials.RegistrationNumbers;

namespace GaiaX.Oid4vc.Benchmarks.Notary;

/// <summary>The syntax and check-digit checks every request passes before any registry call.</summary>
[MemoryDiagnoser]
public class NotarySyntaxBenchmarks
{
    [Benchmark]
    public bool VatId() => RegistrationNumberSyntax.Check(RegistrationNumberType.VatId, "DE 812 345 673").IsValid;

    [Benchmark]
    public bool LeiCode() => RegistrationNumberSyntax.Check(RegistrationNumberType.LeiCode, "984500DEMOCLOUD00089").IsValid;

    [Benchmark]
    public bool Euid() => RegistrationNumberSyntax.Check(RegistrationNumberType.Euid, "DEK1101R.HRB100001").IsValid;
}
