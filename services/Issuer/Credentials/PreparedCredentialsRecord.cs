namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>
/// Credentials another service prepared for an offer, and Compliance's verdict on them. A
/// credential is released to the wallet only when it is prepared and, for Notary-prepared
/// credentials, accepted by Compliance.
/// </summary>
public sealed record PreparedCredentialsRecord
{
    public required string OfferId { get; init; }

    /// <summary>The prepared credentials by credential configuration id.</summary>
    public IReadOnlyDictionary<string, PreparedCredential> Credentials { get; init; } =
        new Dictionary<string, PreparedCredential>(StringComparer.Ordinal);

    /// <summary>Null until Compliance assessed the offer's credentials.</summary>
    public bool? Accepted { get; init; }

    public IReadOnlyList<string> Reasons { get; init; } = [];
}
