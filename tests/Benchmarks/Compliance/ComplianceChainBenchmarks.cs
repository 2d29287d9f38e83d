using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using GaiaX.Oid4vc.Compliance.Filters;

namespace GaiaX.Oid4vc.Benchmarks.Compliance;

/// <summary>
/// One participant presentation (a VP-JWT with three enveloped VC-JWTs) through the whole filter
/// chain with warm caches (DID documents and trust verdicts), with and without signing the label,
/// next to the floor: its four ES256 signature checks alone.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class ComplianceChainBenchmarks
{
    private ComplianceScenario _scenario = null!;

    [GlobalSetup]
    public async Task SetupAsync() => _scenario = await ComplianceScenario.StartAsync();

    [GlobalCleanup]
    public async Task CleanupAsync() => await _scenario.DisposeAsync();

    [Benchmark(Baseline = true, Description = "4 ES256 signature checks alone")]
    public bool SignatureChecksOnly()
    {
        var ok = true;
        foreach (var (input, signature, key) in _scenario.Signatures)
        {
            ok &= key.VerifyData(input, signature, HashAlgorithmName.SHA256);
        }
        return ok;
    }

    [Benchmark(Description = "whole chain (3 credentials)")]
    public async Task<bool> WholeChain() =>
        (await _scenario.Chain.AssessAsync(ComplianceScope.Presentation, _scenario.Presentation, CancellationToken.None)).IsCompliant;

    [Benchmark(Description = "whole chain + label credential")]
    public async Task<string> WholeChainAndLabel()
    {
        var assessment = await _scenario.Chain.AssessAsync(ComplianceScope.Presentation, _scenario.Presentation, CancellationToken.None);
        return _scenario.Labels.Issue(assessment, null);
    }

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig()
        {
            AddColumn(StatisticColumn.Median, new PercentileColumn(99));
        }
    }

    private sealed class PercentileColumn(int percentile) : IColumn
    {
        public string Id => "P" + percentile;

        public string ColumnName => "P" + percentile;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Statistics;

        public int PriorityInCategory => 10;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Time;

        public string Legend => $"{percentile}th percentile of the measured iterations";

        public string GetValue(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase) =>
            GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            return statistics is null
                ? "NA"
                : (statistics.Percentiles.Percentile(percentile) / 1000.0).ToString("N1", System.Globalization.CultureInfo.InvariantCulture)
                    + " μs";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase) => false;
    }
}
