namespace GaiaX.Oid4vc.Verifier.Dcql;

/// <summary>A DCQL query (OpenID4VP 1.0 §6): the credentials a relying party asks for.</summary>
public sealed record DcqlQuery
{
    public required IReadOnlyList<CredentialQuery> Credentials { get; init; }

    /// <summary>Constraints on which combinations of credentials satisfy the request; null when absent.</summary>
    public IReadOnlyList<CredentialSetQuery>? CredentialSets { get; init; }

    public CredentialQuery? Find(string id) => Credentials.FirstOrDefault(c => c.Id == id);
}
