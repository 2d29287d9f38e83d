namespace Verifier.Tests.Support;

/// <summary>An SD-JWT VC as issued: the issuer-signed JWT and its disclosures by claim name.</summary>
public sealed record SdJwtCredential(string IssuerJwt, IReadOnlyDictionary<string, string> Disclosures)
{
    /// <summary>The SD-JWT with only the named claims disclosed, ending with '~' (ready for a KB-JWT).</summary>
    public string Disclose(params string[] names) =>
        IssuerJwt + "~" + string.Concat(names.Select(n => Disclosures[n] + "~"));
}
