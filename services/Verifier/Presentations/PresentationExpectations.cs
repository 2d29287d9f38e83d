namespace GaiaX.Oid4vc.Verifier.Presentations;

/// <summary>What a presentation must be bound to: the full client identifier and the request nonce.</summary>
public sealed record PresentationExpectations(string Audience, string Nonce)
{
    /// <summary>False when the credential query waives holder binding (a bare credential is then accepted).</summary>
    public bool RequireHolderBinding { get; init; } = true;

    /// <summary>Hashes (sha-256, base64url) of the transaction data the KB-JWT must return, if any.</summary>
    public IReadOnlyList<string>? TransactionDataHashes { get; init; }
}
