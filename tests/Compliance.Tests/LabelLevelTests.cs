using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Compliance.Labels;
using GaiaX.Oid4vc.Testing;

namespace Compliance.Tests;

/// <summary>
/// Label levels 1–3 from the criteria of the Compliance Document 24.11 (the version the 25.11 Architecture Document
/// cites): a participant and a service offering with exactly the evidence a level needs get that level; one criterion's
/// evidence less, the next lower level with the criterion named. Declarations are the provider's, certifications a
/// trusted conformity assessment body's, P5.1.4 (EU/EEA headquarters, Level 3) the engine's own check.
/// </summary>
[Collection(ComplianceCollection.Name)]
public sealed class LabelLevelTests(ComplianceFixture fixture)
{
    private static readonly ComplianceCriteria Criteria = ComplianceCriteria.Find("24.11")!;

    private Participant P => fixture.Participant;

    private string OfferingId => P.Identity.Did + "#service";

    [Theory]
    [InlineData(LabelLevel.L1)]
    [InlineData(LabelLevel.L2)]
    [InlineData(LabelLevel.L3)]
    public async Task A_service_offering_with_exactly_the_evidence_of_a_level_gets_that_level(LabelLevel level)
    {
        var report = await AssessAsync(Evidence(level));

        Assert.Equal(level.ToString(), report.GetProperty("labelLevel").GetString());
        var offering = Assert.Single(report.GetProperty("offerings").EnumerateArray());
        Assert.Equal(OfferingId, offering.GetProperty("id").GetString());
        var above = offering.GetProperty("levels").EnumerateArray().Where(l => Enum.Parse<LabelLevel>(l.GetProperty("level").GetString()!) > level);
        Assert.All(above, l => Assert.False(l.GetProperty("met").GetBoolean()));
    }

    [Fact]
    public async Task The_signed_label_carries_the_level_the_rules_version_and_the_validated_criteria_by_their_uri()
    {
        using var response = await PostAsync(StandardComplianceEndpointRoute, Evidence(LabelLevel.L2));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        var (_, payload) = await StandardComplianceTests.VerifyLabelAsync(fixture.Compliance, await response.Content.ReadAsStringAsync());
        var subject = payload.GetProperty("credentialSubject");
        Assert.Equal("L2", subject.GetProperty("gx:labelLevel").GetString());
        Assert.Equal("24.11", subject.GetProperty("gx:rulesVersion").GetString());
        var validated = subject.GetProperty("gx:validatedCriteria").EnumerateArray().Select(c => c.GetString()).ToArray();
        Assert.Contains("https://w3id.org/gaia-x/specs/cd24.11/criteria/P5.1.1", validated);
        Assert.Contains("ShaclShapes", validated);
        Assert.DoesNotContain("https://w3id.org/gaia-x/specs/cd24.11/criteria/P5.1.2", validated);
    }

    [Fact]
    public async Task A_service_offering_without_evidence_is_standard_compliance_with_every_level_1_criterion_missing()
    {
        var report = await AssessAsync([]);

        Assert.Equal("SC", report.GetProperty("labelLevel").GetString());
        var level1 = Level(report, LabelLevel.L1);
        var missing = level1.GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("criterion").GetString()).ToArray();
        Assert.Equal(Criteria.At(LabelLevel.L1).Where(c => c.Levels[LabelLevel.L1] != EvidenceKind.Technical).Select(c => c.Id).Order(), missing.Order());
    }

    [Theory]
    [InlineData(LabelLevel.L1, "P2.1.1", "declaration")]
    [InlineData(LabelLevel.L2, "P3.1.9", "certification")]
    [InlineData(LabelLevel.L3, "P5.1.2", "certification")]
    [InlineData(LabelLevel.L3, "P4.1.1", "certification")]
    public async Task One_criterion_less_gives_the_next_lower_level_with_that_criterion_named(LabelLevel level, string removed, string evidence)
    {
        var report = await AssessAsync(Evidence(level, without: (removed, Enum.Parse<EvidenceKind>(evidence, ignoreCase: true))));

        Assert.Equal((level - 1).ToString(), report.GetProperty("labelLevel").GetString());
        var missing = Assert.Single(Level(report, level).GetProperty("missing").EnumerateArray());
        Assert.Equal(removed, missing.GetProperty("criterion").GetString());
        Assert.Equal(evidence, missing.GetProperty("evidence").GetString());
        Assert.Contains(removed, missing.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_headquartered_outside_the_EU_EEA_bounds_its_offering_at_level_2_naming_P5_1_4()
    {
        var legalPerson = P.LegalPerson();
        legalPerson["credentialSubject"]!["gx:headquartersAddress"]!["gx:countryCode"] = "US";

        var report = await AssessAsync(Evidence(LabelLevel.L3), legalPerson: Participant.SignCredential(P.Identity, legalPerson));

        Assert.Equal("L2", report.GetProperty("labelLevel").GetString());
        var offering = Assert.Single(report.GetProperty("offerings").EnumerateArray());
        Assert.Equal("L2", offering.GetProperty("providerLabelLevel").GetString());
        var missing = Assert.Single(Level(report, LabelLevel.L3).GetProperty("missing").EnumerateArray());
        Assert.Equal("P5.1.4", missing.GetProperty("criterion").GetString());
        Assert.Equal("technical", missing.GetProperty("evidence").GetString());
        Assert.Contains("'US', outside the EU/EEA", missing.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certification_issued_by_the_provider_itself_is_no_certification()
    {
        var selfCertified = Evidence(LabelLevel.L1).Append(Answers(P.Identity, OfferingId, Needing(LabelLevel.L2, EvidenceKind.Certification)));

        var report = await AssessAsync(selfCertified);

        Assert.Equal("L1", report.GetProperty("labelLevel").GetString());
        Assert.Contains(
            Level(report, LabelLevel.L2).GetProperty("missing").EnumerateArray(),
            m => m.GetProperty("reason").GetString()!.StartsWith("No conformity assessment body the registry trusts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_criterion_answered_Deny_is_not_evidenced()
    {
        var evidence = Evidence(LabelLevel.L1).ToList();
        evidence.Add(Answers(P.Identity, OfferingId, ["P1.1.1"], response: "Deny"));
        evidence[0] = Answers(P.Identity, OfferingId, Needing(LabelLevel.L1, EvidenceKind.Declaration, CriterionSubject.ServiceOffering).Where(id => id != "P1.1.1"));

        var report = await AssessAsync(evidence);

        Assert.Equal("SC", report.GetProperty("labelLevel").GetString());
        Assert.Equal("P1.1.1", Assert.Single(Level(report, LabelLevel.L1).GetProperty("missing").EnumerateArray()).GetProperty("criterion").GetString());
    }

    [Fact]
    public async Task A_personal_data_criterion_declared_not_applicable_with_a_reason_is_evidenced()
    {
        var evidence = Evidence(LabelLevel.L1, without: ("P2.1.1", EvidenceKind.Declaration)).Append(
            Answers(P.Identity, OfferingId, ["P2.1.1"], response: "Not applicable", reason: "The service processes no personal data."));

        var report = await AssessAsync(evidence);

        Assert.Equal("L1", report.GetProperty("labelLevel").GetString());
    }

    [Theory]
    [InlineData("P2.1.1", null)]
    [InlineData("P1.1.1", "Not relevant to us.")]
    public async Task Not_applicable_without_a_reason_or_for_a_criterion_beyond_personal_data_is_not_evidenced(string criterion, string? reason)
    {
        var evidence = Evidence(LabelLevel.L1, without: (criterion, EvidenceKind.Declaration)).Append(
            Answers(P.Identity, OfferingId, [criterion], response: "Not applicable", reason: reason));

        var report = await AssessAsync(evidence);

        Assert.Equal("SC", report.GetProperty("labelLevel").GetString());
        Assert.Equal(criterion, Assert.Single(Level(report, LabelLevel.L1).GetProperty("missing").EnumerateArray()).GetProperty("criterion").GetString());
    }

    [Fact]
    public async Task A_service_offering_issued_by_someone_else_than_its_provider_stays_at_standard_compliance_naming_P1_3_2()
    {
        var offering = P.ServiceOffering(providedBy: P.LegalPersonSubjectId);
        offering["issuer"] = P.Notary.Did;

        var report = await AssessAsync(Evidence(LabelLevel.L1), offering: Participant.SignCredential(P.Notary, offering));

        Assert.Equal("SC", report.GetProperty("labelLevel").GetString());
        var missing = Assert.Single(Level(report, LabelLevel.L1).GetProperty("missing").EnumerateArray());
        Assert.Equal("P1.3.2", missing.GetProperty("criterion").GetString());
        Assert.Contains("not by its provider", missing.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_offering_whose_id_is_not_under_its_providers_DID_stays_at_standard_compliance_naming_P1_3_2()
    {
        const string elsewhere = "https://offerings.example/cloud";
        var offering = P.ServiceOffering(providedBy: P.LegalPersonSubjectId);
        offering["credentialSubject"]!["id"] = elsewhere;
        var evidence = new[] { Answers(P.Identity, elsewhere, Needing(LabelLevel.L1, EvidenceKind.Declaration, CriterionSubject.ServiceOffering)) };

        var report = await AssessAsync(evidence, offering: Participant.SignCredential(P.Identity, offering));

        Assert.Equal("SC", report.GetProperty("labelLevel").GetString());
        var missing = Assert.Single(Level(report, LabelLevel.L1).GetProperty("missing").EnumerateArray());
        Assert.Equal("P1.3.2", missing.GetProperty("criterion").GetString());
        Assert.Contains("not its provider's DID", missing.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evidence_assigned_to_another_service_offering_does_not_count()
    {
        var elsewhere = new[] { Answers(P.Identity, P.Identity.Did + "#another-service", Needing(LabelLevel.L1, EvidenceKind.Declaration, CriterionSubject.ServiceOffering)) };

        var report = await AssessAsync(elsewhere.Concat(Evidence(LabelLevel.L1).Skip(1)));

        Assert.Equal("SC", report.GetProperty("labelLevel").GetString());
    }

    [Fact]
    public async Task The_same_participant_and_offering_in_the_2511_namespace_get_the_same_level()
    {
        var report = await AssessAsync(Evidence(LabelLevel.L2), context: "https://w3id.org/gaia-x/2511#");

        Assert.Equal("L2", report.GetProperty("labelLevel").GetString());
    }

    [Fact]
    public void The_24_11_criteria_are_the_63_of_the_document_with_its_level_matrix()
    {
        Assert.Equal(63, Criteria.Criteria.Count);
        Assert.Equal(60, Criteria.Criteria.Count(c => c.Levels.Count > 0));
        Assert.Equal(47, Criteria.At(LabelLevel.SC).Count());
        Assert.Equal(53, Criteria.At(LabelLevel.L1).Count());
        Assert.Equal(54, Criteria.At(LabelLevel.L2).Count());
        Assert.Equal(57, Criteria.At(LabelLevel.L3).Count());
        Assert.Equal(new[] { "P5.1.2", "P5.1.3", "P5.1.4", "P5.1.5", "P5.1.6", "P5.1.7" }, Criteria.Criteria.Where(c => c.Levels.Keys.SequenceEqual([LabelLevel.L3])).Select(c => c.Id));
        Assert.Equal(EvidenceKind.Technical, Criteria.Criteria.Single(c => c.Id == "P5.1.4").Levels[LabelLevel.L3]);
    }

    private const string StandardComplianceEndpointRoute = "/api/credential-offers/standard-compliance";

    /// <summary>The criteria ids that need <paramref name="kind"/> at <paramref name="level"/> or a level below it.</summary>
    private static IEnumerable<string> Needing(LabelLevel level, EvidenceKind kind, CriterionSubject? about = null) =>
        Criteria
            .Criteria.Where(c => about is null || c.About == about)
            .Where(c => c.Levels.Any(l => l.Key >= LabelLevel.L1 && l.Key <= level && l.Value == kind))
            .Select(c => c.Id)
            .Distinct();

    /// <summary>
    /// Exactly what <paramref name="level"/> needs: the provider's declarations (about the offering, and about itself), and
    /// at levels 2 and 3 the assessment body's certifications; <paramref name="without"/> leaves out one criterion's evidence
    /// of one kind. The first entry is the provider's declaration about the offering.
    /// </summary>
    private IEnumerable<string> Evidence(LabelLevel level, (string Id, EvidenceKind Kind)? without = null)
    {
        bool Declared(string id) => without is not { Kind: EvidenceKind.Declaration } || id != without.Value.Id;
        bool Kept(string id) => without is not { Kind: EvidenceKind.Certification } || id != without.Value.Id;
        yield return Answers(P.Identity, OfferingId, Needing(level, EvidenceKind.Declaration, CriterionSubject.ServiceOffering).Where(Declared));
        var aboutProvider = Needing(level, EvidenceKind.Declaration, CriterionSubject.Provider).Where(Declared).ToArray();
        if (aboutProvider.Length > 0)
        {
            yield return Answers(P.Identity, P.LegalPersonSubjectId, aboutProvider);
        }
        if (level >= LabelLevel.L2)
        {
            yield return Answers(fixture.AssessmentBody, OfferingId, Needing(level, EvidenceKind.Certification, CriterionSubject.ServiceOffering).Where(Kept));
            var certifiedProvider = Needing(level, EvidenceKind.Certification, CriterionSubject.Provider).Where(Kept).ToArray();
            if (certifiedProvider.Length > 0)
            {
                yield return Answers(fixture.AssessmentBody, P.LegalPersonSubjectId, certifiedProvider);
            }
        }
    }

    private string Answers(TestIdentity issuer, string assignedTo, IEnumerable<string> criteria, string response = "Confirm", string? reason = null)
    {
        var answers = new JsonObject();
        foreach (var id in criteria)
        {
            answers["gx:" + id] = reason is null
                ? new JsonObject { ["gx:response"] = response }
                : new JsonObject { ["gx:response"] = response, ["gx:reason"] = reason };
        }
        var credential = P.Credential($"https://{issuer.Did.Split(':')[2]}/criteria/{Guid.NewGuid():N}", issuer.Did, "gx:ComplianceCriteria", new JsonObject
        {
            ["id"] = "urn:uuid:" + Guid.NewGuid().ToString("D"),
            ["type"] = "gx:ComplianceCriteria",
            ["gx:assignedTo"] = new JsonObject { ["id"] = assignedTo },
            ["gx:criteria"] = answers,
        });
        return Participant.SignCredential(issuer, credential);
    }

    private async Task<JsonElement> AssessAsync(IEnumerable<string> evidence, string? legalPerson = null, string? context = null, string? offering = null)
    {
        using var response = await PostAsync("/api/assessments", evidence, legalPerson, context, offering);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var report = JsonDocument.Parse(body).RootElement;
        Assert.True(report.GetProperty("compliant").GetBoolean(), body);
        return report;
    }

    private Task<HttpResponseMessage> PostAsync(string route, IEnumerable<string> evidence, string? legalPerson = null, string? context = null, string? offering = null)
    {
        var credentials = P.SignedCredentials().ToList();
        if (legalPerson is not null)
        {
            credentials[0] = legalPerson;
        }
        credentials.Add(offering ?? Participant.SignCredential(P.Identity, P.ServiceOffering(providedBy: P.LegalPersonSubjectId)));
        credentials.AddRange(evidence);
        if (context is not null)
        {
            credentials = credentials.Select(jwt => Rewrite(jwt, context)).ToList();
        }
        var content = new StringContent(P.Presentation(credentials), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vp+jwt");
        return fixture.Compliance.Client.PostAsync(route, content);
    }

    /// <summary>The credential re-signed by its issuer with <paramref name="context"/> in place of the development context.</summary>
    private string Rewrite(string jwt, string context)
    {
        var payload = JsonNode.Parse(Base64UrlDecode(jwt.Split('.')[1]))!.AsObject();
        var contexts = payload["@context"]!.AsArray();
        contexts[1] = context;
        var issuer = (string)payload["issuer"]! switch
        {
            var did when did == P.Identity.Did => P.Identity,
            var did when did == P.Notary.Did => P.Notary,
            _ => fixture.AssessmentBody,
        };
        return Participant.SignCredential(issuer, payload);
    }

    private static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    private static JsonElement Level(JsonElement report, LabelLevel level) =>
        Assert.Single(report.GetProperty("offerings").EnumerateArray())
            .GetProperty("levels").EnumerateArray().Single(l => l.GetProperty("level").GetString() == level.ToString());
}
