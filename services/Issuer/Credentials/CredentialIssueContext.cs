using System.Text.Json;
using GaiaX.Oid4vc.Dapr.StatusLists;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>
/// What a credential is made from: configuration, claims, subject and the holder key; its id, and where its status
/// lives (<c>null</c>: the credential gets no status entry).
/// </summary>
public sealed record CredentialIssueContext(
    string ConfigurationId,
    CredentialConfigurationOptions Configuration,
    JsonElement Claims,
    string? SubjectId,
    HolderKey Holder
)
{
    public string CredentialId { get; init; } = "urn:uuid:" + Guid.NewGuid();

    public StatusAllocation? Status { get; init; }
}
