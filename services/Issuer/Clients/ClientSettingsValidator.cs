using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Clients;

/// <summary>
/// Stops the Issuer at start when a registered client or a wallet provider is configured wrongly, naming the setting.
/// </summary>
public sealed class ClientSettingsValidator : IValidateOptions<IssuerOptions>
{
    public ValidateOptionsResult Validate(string? name, IssuerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Clients.Count; i++)
        {
            var client = options.Clients[i];
            var setting = $"Setting 'Issuer:Clients:{i}";
            if (string.IsNullOrWhiteSpace(client.ClientId) || client.ClientId.Length > 256)
            {
                failures.Add($"{setting}:ClientId' is invalid: a client id of 1 to 256 characters is required.");
            }
            else if (!ids.Add(client.ClientId))
            {
                failures.Add($"{setting}:ClientId' is invalid: '{client.ClientId}' is registered twice.");
            }
            if (client.Jwks.Length > 0 == client.JwksUri.Length > 0)
            {
                failures.Add($"{setting}' is invalid: give the client's keys as Jwks or as JwksUri, one of the two.");
            }
            else if (client.Jwks.Length > 0 && !JwksKeyResolver.TryParse(client.Jwks, out _, out var error))
            {
                failures.Add($"{setting}:Jwks' is invalid: {error}.");
            }
            else if (
                client.JwksUri.Length > 0
                && !(Uri.TryCreate(client.JwksUri, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
            )
            {
                failures.Add($"{setting}:JwksUri' is invalid: an absolute HTTPS URL is required.");
            }
        }
        var attestation = options.ClientAttestation;
        if (attestation.MaxAttestationLifetimeSeconds is < 60 or > 366 * 86400)
        {
            failures.Add("Setting 'Issuer:ClientAttestation:MaxAttestationLifetimeSeconds' is invalid: from 60 s to a year.");
        }
        ValidateAttesters(attestation.Attesters, "Issuer:ClientAttestation:Attesters", issuerRequired: true, failures);
        ValidateAttesters(options.KeyAttestation.Attesters, "Issuer:KeyAttestation:Attesters", issuerRequired: false, failures);
        foreach (var (id, configuration) in options.CredentialConfigurations)
        {
            var requirement = configuration.KeyAttestations;
            var setting = $"Setting 'Issuer:CredentialConfigurations:{id}:KeyAttestations";
            if (requirement.Active && options.KeyAttestation.Attesters.Count == 0)
            {
                failures.Add(
                    $"{setting}' is invalid: key attestations are required but no provider is trusted (Issuer:KeyAttestation:Attesters)."
                );
            }
            foreach (var level in requirement.KeyStorage.Concat(requirement.UserAuthentication))
            {
                if (!Credentials.KeyAttestationRequirementOptions.KnownLevels.Contains(level))
                {
                    failures.Add($"{setting}' is invalid: '{level}' is not a level of OpenID4VCI 1.0 appendix D.2.");
                }
            }
        }
        if (options.RequireClientAuthentication && options.Clients.Count == 0 && attestation.Attesters.Count == 0)
        {
            failures.Add(
                "Setting 'Issuer:RequireClientAuthentication' is invalid: no client could authenticate; "
                    + "register clients (Issuer:Clients) or trust wallet providers (Issuer:ClientAttestation:Attesters)."
            );
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateAttesters(List<ClientAttesterOptions> attesters, string section, bool issuerRequired, List<string> failures)
    {
        for (var i = 0; i < attesters.Count; i++)
        {
            var attester = attesters[i];
            var setting = $"Setting '{section}:{i}";
            if (issuerRequired && string.IsNullOrWhiteSpace(attester.Issuer))
            {
                failures.Add($"{setting}:Issuer' is invalid: the wallet provider's iss is required.");
            }
            if (attester.Jwks.Length == 0 && attester.TrustAnchorCertificates.Count == 0)
            {
                failures.Add($"{setting}' is invalid: give the wallet provider's Jwks, TrustAnchorCertificates or both.");
            }
            if (attester.Jwks.Length > 0 && !JwksKeyResolver.TryParse(attester.Jwks, out _, out var error))
            {
                failures.Add($"{setting}:Jwks' is invalid: {error}.");
            }
            for (var c = 0; c < attester.TrustAnchorCertificates.Count; c++)
            {
                try
                {
                    using var certificate = X509Certificate2.CreateFromPem(attester.TrustAnchorCertificates[c]);
                }
                catch (CryptographicException e)
                {
                    failures.Add($"{setting}:TrustAnchorCertificates:{c}' is invalid: not a PEM certificate ({e.Message}).");
                }
            }
        }
    }
}
