namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>A credential offer was created for a request (so the requester can show the offer URI / QR).</summary>
[Topic(Topics.OfferCreated)]
public sealed record OfferCreated(string RequestId, string OfferId, string OfferUri) : IntegrationEvent;
