using System.Net;
using GaiaX.Oid4vc.Compliance.Filters;
using GaiaX.Oid4vc.Testing;

namespace Compliance.Tests;

/// <summary>Each criterion's verdict and each assessment's outcome are counted (<see cref="ComplianceMetrics"/>).</summary>
[Collection(ComplianceCollection.Name)]
public sealed class ComplianceMetricsTests(ComplianceFixture fixture)
{
    [Fact]
    public async Task Compliant_presentation_counts_a_pass_for_every_criterion_and_a_compliant_assessment()
    {
        using var metrics = new MetricRecorder(fixture.Compliance.Services, ComplianceMetrics.MeterName);

        using var response = await fixture.Compliance.PostPresentationAsync(fixture.Participant.Presentation(fixture.Participant.SignedCredentials()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var verdicts = metrics.Of("gaiax.compliance.verdicts");
        Assert.Contains(verdicts, m => m.Tag("criterion") == "ShaclShapes" && m.Tag("outcome") == "pass");
        Assert.All(verdicts, m => Assert.Equal("pass", m.Tag("outcome")));
        var assessment = Assert.Single(metrics.Of("gaiax.compliance.assessments"));
        Assert.Equal(("presentation", "compliant"), (assessment.Tag("scope"), assessment.Tag("outcome")));
        Assert.Single(metrics.Of("gaiax.compliance.assessment.duration"));
    }

    [Fact]
    public async Task Input_that_is_not_a_jws_counts_a_parse_failure_and_a_non_compliant_assessment()
    {
        using var metrics = new MetricRecorder(fixture.Compliance.Services, ComplianceMetrics.MeterName);

        using var response = await fixture.Compliance.PostPresentationAsync("not-a-jws");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(metrics.Of("gaiax.compliance.verdicts"), m => m.Tag("criterion") == "Parse" && m.Tag("outcome") == "fail");
        Assert.Equal("not_compliant", Assert.Single(metrics.Of("gaiax.compliance.assessments")).Tag("outcome"));
    }
}
