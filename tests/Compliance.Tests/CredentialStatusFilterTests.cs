using System.Net;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Status;
using GaiaX.Oid4vc.Testing;

namespace Compliance.Tests;

/// <summary>
/// The CredentialStatus filter: the notary's registration-number credential names its status lists, served by the
/// notary's host and signed with its key; revoked fails the participant, a list that cannot be had is "status
/// unknown", never revoked. Compliance trusts the notary's CA as the deployments give it (Trust:AnchorCertificates).
/// </summary>
[Collection(ComplianceCollection.Name)]
public sealed class CredentialStatusFilterTests(ComplianceFixture fixture) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("compliance-status-").FullName;
    private TestServiceHost _compliance = null!;

    private Participant P => fixture.Participant;

    public async Task InitializeAsync() =>
        _compliance = await ComplianceFixture.StartComplianceAsync(
            [.. fixture.LocalRegistryArgs(), "--Trust:AnchorCertificates:0=" + fixture.TrustedCa.WriteAnchor(_folder), "--StatusLists:Timeout=00:00:01"],
            fixture.Time);

    public async Task DisposeAsync()
    {
        await _compliance.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Serves the notary's revocation and suspension lists under <paramref name="name"/> with one entry set.</summary>
    private Uri ServeLists(string name, int index, string? purposeSet)
    {
        var baseUrl = new Uri(fixture.Dids.BaseUrl, $"/notary/{name}/");
        var signing = new SigningKey(P.Notary.Key, JwsAlgorithms.ES256, P.Notary.KeyId);
        var now = fixture.Time.GetUtcNow();
        foreach (var purpose in new[] { StatusPurposes.Revocation, StatusPurposes.Suspension })
        {
            var list = new BitstringStatusList();
            list[index] = purpose == purposeSet;
            var url = new Uri(baseUrl, purpose);
            fixture.Dids.Serve(url.AbsolutePath, StatusListCredentials.SignBitstringStatusList(url, purpose, list, signing, P.Notary.Did, now, now.AddDays(1), TimeSpan.FromMinutes(5), fixture.Time), "application/vc+jwt");
        }
        return baseUrl;
    }

    private string VatIdWithStatus(Uri lists, int index)
    {
        var vatId = P.VatId();
        vatId["credentialStatus"] = StatusListCredentials.BitstringEntries(new Uri(lists, StatusPurposes.Revocation), new Uri(lists, StatusPurposes.Suspension), index);
        return Participant.SignCredential(P.Notary, vatId);
    }

    private string PresentationWith(string vatId) =>
        P.Presentation([Participant.SignCredential(P.Identity, P.LegalPerson()), vatId, Participant.SignCredential(P.Identity, P.IssuerDeclaration())]);

    [Fact]
    public async Task Registration_number_credential_whose_lists_say_valid_leaves_the_participant_compliant()
    {
        var lists = ServeLists("valid", 11, purposeSet: null);

        using var response = await _compliance.PostPresentationAsync(PresentationWith(VatIdWithStatus(lists, 11)));

        var label = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, label);
        // The label has its own status, in the lists Compliance signs and serves.
        using var payload = System.Text.Json.JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(label.Split('.')[1]));
        var references = StatusListCredentials.References(payload.RootElement);
        Assert.Equal([StatusPurposes.Revocation, StatusPurposes.Suspension], references.Select(r => r.Purpose));
        Assert.All(references, r => Assert.StartsWith(_compliance.BaseUrl.AbsoluteUri + "status-lists/", r.List.AbsoluteUri, StringComparison.Ordinal));
        var client = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<StatusListClient>(_compliance.Services);
        var status = await client.CheckAsync(payload.RootElement.GetProperty("issuer").GetString()!, references);
        Assert.Equal(CredentialStatusState.Valid, status.State);
    }

    [Fact]
    public async Task Revoked_registration_number_credential_makes_the_participant_non_compliant()
    {
        var lists = ServeLists("revoked", 12, StatusPurposes.Revocation);

        using var response = await _compliance.PostPresentationAsync(PresentationWith(VatIdWithStatus(lists, 12)));

        var failure = Assert.Single(await response.ReadFailuresAsync());
        Assert.Equal("CredentialStatus", failure.Filter);
        Assert.Equal(P.VatIdCredentialId, failure.CredentialId);
        Assert.Contains("revoked", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_number_credential_whose_list_is_missing_is_status_unknown_not_revoked()
    {
        var lists = new Uri(fixture.Dids.BaseUrl, "/notary/nowhere/");

        using var response = await _compliance.PostPresentationAsync(PresentationWith(VatIdWithStatus(lists, 13)));

        var failure = Assert.Single(await response.ReadFailuresAsync());
        Assert.Equal("CredentialStatus", failure.Filter);
        Assert.Contains("cannot be established", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked", failure.Message, StringComparison.Ordinal);
    }
}
