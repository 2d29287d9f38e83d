using System.Net;
using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Status;
using GaiaX.Oid4vc.RegistrySandbox;
using Microsoft.Extensions.DependencyInjection;

namespace GaiaX.Oid4vc.Notary.Tests;

/// <summary>
/// The Notary owns the status of its credentials: a re-check that the registry answers "not registered" revokes every
/// credential signed for the number, seen at the Notary's own status lists; an outage revokes nothing.
/// </summary>
public sealed class RecheckTests
{
    private static async Task<(string Jwt, IReadOnlyList<StatusListReference> Status)> IssueAsync(NotaryUnderTest notary)
    {
        notary.GivenVies("DE", "812345673", 200, RegistryWireFormats.ViesCheckVatResponse("DE", "812345673", valid: true, name: "Example GmbH"));
        using var response = await notary.GetCredentialAsync("vat-id", "DE812345673");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var jwt = await response.Content.ReadAsStringAsync();
        using var payload = JsonDocument.Parse(NotaryUnderTest.Payload(jwt).ToJsonString());
        return (jwt, StatusListCredentials.References(payload.RootElement));
    }

    private static Task<CredentialStatusResult> StatusAsync(NotaryUnderTest notary, string jwt, IReadOnlyList<StatusListReference> status) =>
        notary.Host.Services.GetRequiredService<StatusListClient>().CheckAsync(NotaryUnderTest.Payload(jwt)["issuer"]!.GetValue<string>(), status);

    [Fact]
    public async Task Registration_number_credential_names_the_notarys_own_revocation_and_suspension_lists()
    {
        await using var notary = await NotaryUnderTest.StartAsync();

        var (jwt, status) = await IssueAsync(notary);

        Assert.Equal([StatusPurposes.Revocation, StatusPurposes.Suspension], status.Select(s => s.Purpose));
        Assert.All(status, s => Assert.StartsWith(notary.Host.BaseUrl.AbsoluteUri + "status-lists/", s.List.AbsoluteUri, StringComparison.Ordinal));
        Assert.Equal(CredentialStatusState.Valid, (await StatusAsync(notary, jwt, status)).State);
    }

    [Fact]
    public async Task Recheck_that_the_registry_answers_not_registered_revokes_the_credentials_of_the_number()
    {
        await using var notary = await NotaryUnderTest.StartAsync(["--StatusList:ResignDelay=00:00:00"]);
        var (jwt, status) = await IssueAsync(notary);
        notary.Registries.ResetMappings();
        notary.GivenVies("DE", "812345673", 200, RegistryWireFormats.ViesCheckVatResponse("DE", "812345673", valid: false));

        using var response = await notary.Client.PostAsync("/registration-numbers/vat-id/DE812345673/recheck", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("not_registered", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(NotaryUnderTest.VcId, Assert.Single(body.RootElement.GetProperty("revoked").EnumerateArray()).GetString());
        Assert.Equal(CredentialStatusState.Revoked, (await StatusAsync(notary, jwt, status)).State);
    }

    [Fact]
    public async Task Recheck_during_a_registry_outage_answers_503_and_revokes_nothing()
    {
        await using var notary = await NotaryUnderTest.StartAsync(["--StatusList:ResignDelay=00:00:00"]);
        var (jwt, status) = await IssueAsync(notary);
        notary.Registries.ResetMappings();
        notary.GivenVies("DE", "812345673", 500, RegistryWireFormats.SoapFault("MS_UNAVAILABLE"));

        using var response = await notary.Client.PostAsync("/registration-numbers/vat-id/DE812345673/recheck", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(CredentialStatusState.Valid, (await StatusAsync(notary, jwt, status)).State);
    }

    [Fact]
    public async Task Recheck_of_a_number_still_registered_changes_nothing()
    {
        await using var notary = await NotaryUnderTest.StartAsync(["--StatusList:ResignDelay=00:00:00"]);
        var (jwt, status) = await IssueAsync(notary);

        using var response = await notary.Client.PostAsync("/registration-numbers/vat-id/DE812345673/recheck", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"registered\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, notary.RegistryCalls); // the re-check asked the registry, not the cache
        Assert.Equal(CredentialStatusState.Valid, (await StatusAsync(notary, jwt, status)).State);
    }

    [Fact]
    public async Task A_number_is_rechecked_at_most_once_a_minute_so_the_registry_is_not_flooded()
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        await IssueAsync(notary);

        using var first = await notary.Client.PostAsync("/registration-numbers/vat-id/DE812345673/recheck", null);
        using var second = await notary.Client.PostAsync("/registration-numbers/vat-id/DE812345673/recheck", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.True(second.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(2, notary.RegistryCalls); // the issuance and the first re-check
    }

    [Fact]
    public async Task Recheck_of_a_malformed_number_is_400_and_asks_no_registry()
    {
        await using var notary = await NotaryUnderTest.StartAsync();

        using var response = await notary.Client.PostAsync("/registration-numbers/vat-id/DE12/recheck", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, notary.RegistryCalls);
    }
}
