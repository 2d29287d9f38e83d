using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>
/// The Registry's trust list at <see cref="Version"/>: published on every change (anchors, trusted issuers or revocations)
/// and republished unchanged at start-up and at an interval, so a service that starts later catches up. Versions order
/// the lists: a subscriber applies each once and ignores older or repeated deliveries. Broadcast
/// (<see cref="Topics.Broadcast"/>): every replica keeps a trust view.
/// </summary>
/// <param name="Version">The list's version; it only goes up.</param>
/// <param name="TrustAnchors">The trust anchors, each one PEM CA certificate.</param>
/// <param name="TrustedIssuers">The DIDs trusted per role (e.g. <c>registration-notary</c>).</param>
/// <param name="RevokedCertificates">The SHA-256 of each revoked certificate's DER, hex.</param>
/// <remarks>
/// The three lists are absent (null) in the payloads of Registries that published the version alone: such an event says
/// that the list changed, not what it holds.
/// </remarks>
[Topic(Topics.TrustListChanged)]
public sealed record TrustListChanged(
    long Version,
    IReadOnlyList<string>? TrustAnchors = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? TrustedIssuers = null,
    IReadOnlyList<string>? RevokedCertificates = null
) : IntegrationEvent
{
    /// <summary>Whether the event carries the whole list (all three members), not the version alone.</summary>
    [JsonIgnore]
    public bool IsSnapshot => TrustAnchors is not null && TrustedIssuers is not null && RevokedCertificates is not null;
}
