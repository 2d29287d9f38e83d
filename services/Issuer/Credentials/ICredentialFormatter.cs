namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>Produces a signed credential of one format.</summary>
public interface ICredentialFormatter
{
    string Format { get; }

    string Issue(CredentialIssueContext context);
}
