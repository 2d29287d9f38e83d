using Xunit.Abstractions;

namespace GaiaX.Oid4vc.Rdf.Tests.Shacl;

public sealed class W3cShaclCoreSuiteTests(ITestOutputHelper output)
{
    /// <summary>Cases we fail, each with the reason (reported in the closing note).</summary>
    private static readonly Dictionary<string, string> KnownFailures = new(StringComparer.Ordinal)
    {
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (file, test) in W3cShaclSuite.Cases())
        {
            data.Add(Path.GetRelativePath(W3cShaclSuite.Root, file), test);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Core_test_case_produces_the_expected_report(string file, string test)
    {
        var failure = W3cShaclSuite.Run(Path.Combine(W3cShaclSuite.Root, file), test);
        if (KnownFailures.TryGetValue(Short(test), out var why))
        {
            Assert.True(failure is not null, $"{test} is listed as a known failure ({why}) but now passes: remove it from the list");
            output.WriteLine($"known failure: {why}; {failure}");
            return;
        }
        Assert.True(failure is null, failure);
    }

    [Fact]
    public void Core_suite_passes_at_least_95_percent_through_its_manifests()
    {
        var cases = W3cShaclSuite.Cases();
        Assert.True(cases.Count >= 98, $"only {cases.Count} cases found through the manifests");
        var failures = cases.Select(c => (c.Test, Why: W3cShaclSuite.Run(c.File, c.Test))).Where(r => r.Why is not null).ToList();
        foreach (var (test, why) in failures)
        {
            output.WriteLine($"{test}: {why}");
        }
        var rate = 1.0 - ((double)failures.Count / cases.Count);
        Assert.True(rate >= 0.95, $"pass rate {rate:P1} ({failures.Count} of {cases.Count} failed)");
    }

    private static string Short(string test) => test[(test.IndexOf("/core/", StringComparison.Ordinal) + 6)..];
}
