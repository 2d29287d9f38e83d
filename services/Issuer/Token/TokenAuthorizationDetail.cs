using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Authorization;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Offers;
using GaiaX.Oid4vc.Issuer.Protocol;
using Microsoft.Extensions.Options;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Issuer.Token;

public sealed record TokenAuthorizationDetail(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("credential_configuration_id")] string CredentialConfigurationId,
    [property: JsonPropertyName("credential_identifiers")] IReadOnlyList<string> CredentialIdentifiers);
