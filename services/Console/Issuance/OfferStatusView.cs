using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.WebConsole.Issuance;

/// <summary>
/// An offer's status as <c>GET /api/offers/{id}</c> answers it, for the live status: polled until it is final
/// (<c>issued</c>, <c>failed</c>, <c>expired</c>).
/// </summary>
public sealed record OfferStatusView(string OfferId, string? Status, string? Reason, string? Problem, int PollIntervalMilliseconds)
{
    public bool IsFinal => Status is "issued" or "failed" or "expired";

    /// <summary>Issued credentials of the offer (<c>GET /api/credentials?offer_id=</c>), once it is issued.</summary>
    public IReadOnlyList<JsonObject> Credentials { get; init; } = [];
}
