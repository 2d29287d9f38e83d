using System.Globalization;
using GaiaX.Oid4vc.Credentials.Vcdm;
using GaiaX.Oid4vc.Notary.Credentials;
using GaiaX.Oid4vc.Notary.RegistrationNumbers;
using GaiaX.Oid4vc.Notary.Registries;
using GaiaX.Oid4vc.Notary.Verification;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Notary.Api;

/// <summary>How a type is checked: at a registry, or for syntax only (the evidence URL of syntax-only credentials).</summary>
public sealed record RegistrationNumberCheckDescription(string Type, string CredentialType, string Property, string Check, string? Registry, string Description);
