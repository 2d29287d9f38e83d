using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.SdJwt;
using GaiaX.Oid4vc.Credentials.VcJwt;
using GaiaX.Oid4vc.Issuer.Signing;
using Microsoft.Extensions.Options;
using GaiaX.Oid4vc.Credentials;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>What a credential is made from: configuration, claims, subject and the holder key.</summary>
public sealed record CredentialIssueContext(string ConfigurationId, CredentialConfigurationOptions Configuration, JsonElement Claims, string? SubjectId, HolderKey Holder);
