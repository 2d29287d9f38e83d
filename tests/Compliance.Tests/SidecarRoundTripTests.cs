using System.Net;
using GaiaX.Oid4vc.Testing;

namespace Compliance.Tests;

/// <summary>
/// The sidecar round trips of one assessment with its label, counted at the (embedded) sidecar: each is a gRPC call that
/// costs both processes CPU, so the label makes only the ones its rules need.
/// </summary>
[Collection(ComplianceCollection.Name)]
public sealed class SidecarRoundTripTests(ComplianceFixture fixture)
{
    [Fact]
    public async Task Seventy_labels_reach_the_sidecar_only_to_reserve_their_status_indices_in_blocks_of_64()
    {
        var dapr = Assert.IsType<DaprTestEnvironment>(fixture.Compliance.DisposeWith);
        var sidecar = await dapr.SidecarAsync(GaiaX.Oid4vc.Dapr.AppIds.Compliance);
        var presentation = fixture.Participant.Presentation(fixture.Participant.SignedCredentials());
        using (var warm = await fixture.Compliance.PostPresentationAsync(presentation))
        {
            Assert.Equal(HttpStatusCode.Created, warm.StatusCode);
        }
        var before = sidecar.Calls;

        for (var i = 0; i < 70; i++)
        {
            using var response = await fixture.Compliance.PostPresentationAsync(fixture.Participant.Presentation(fixture.Participant.SignedCredentials()));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        var calls = sidecar.Calls
            .Select(pair => (pair.Key, Count: pair.Value - before.GetValueOrDefault(pair.Key)))
            .Where(pair => pair.Count > 0 && pair.Key != "GetMetadata")
            .ToDictionary(pair => pair.Key, pair => pair.Count);
        // At most two block reservations (70 labels may start inside one block), each a few reads and one write.
        var described = string.Join(", ", calls.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        Assert.True(calls.Keys.All(k => k is "GetState" or "SaveState") && calls.Values.Sum() <= 6, described);
    }
}
