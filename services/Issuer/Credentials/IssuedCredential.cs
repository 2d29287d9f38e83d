using System.Text.Json;
using System.Text.Json.Serialization;
using GaiaX.Oid4vc.Issuer.Deferred;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Notification;
using GaiaX.Oid4vc.Issuer.Offers;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Issuer.Token;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.Extensions.Options;
using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>One issued credential in a credential response.</summary>
public sealed record IssuedCredential([property: JsonPropertyName("credential")] string Credential);
