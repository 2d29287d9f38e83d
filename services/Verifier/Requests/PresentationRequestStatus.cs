namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>The life cycle of a presentation request.</summary>
public static class PresentationRequestStatus
{
    public const string Pending = "pending";
    public const string Retrieved = "retrieved";

    /// <summary>A response is being verified; no second response is accepted until the claim's deadline.</summary>
    public const string Processing = "processing";
    public const string Verified = "verified";
    public const string Rejected = "rejected";
}
