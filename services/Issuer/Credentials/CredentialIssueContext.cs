using System.Text.Json;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>What a credential is made from: configuration, claims, subject and the holder key.</summary>
public sealed record CredentialIssueContext(
    string ConfigurationId,
    CredentialConfigurationOptions Configuration,
    JsonElement Claims,
    string? SubjectId,
    HolderKey Holder
);
