using System.Text.Json;

namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>A wallet's presentation was verified by the Verifier (OpenID4VP).</summary>
/// <param name="RequestId">The Verifier's authorization request (transaction) id.</param>
/// <param name="Presentations">The verified presentations in their wire form (<c>vp_token</c> entries).</param>
/// <param name="Credentials">The verified credentials contained in them, in wire form.</param>
/// <param name="Holder">The holder (key or DID) that proved possession, when bound.</param>
/// <param name="Subject">The disclosed claims, keyed by DCQL credential query id, when useful to consumers.</param>
[Topic(Topics.PresentationVerified)]
public sealed record PresentationVerified(
    string RequestId,
    IReadOnlyList<string> Presentations,
    IReadOnlyList<string> Credentials,
    string? Holder = null,
    JsonElement? Subject = null
) : IntegrationEvent;
