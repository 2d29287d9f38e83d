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
        for (var i = 0; i < attestation.Attesters.Count; i++)
        {
            var attester = attestation.Attesters[i];
            var setting = $"Setting 'Issuer:ClientAttestation:Attesters:{i}";
            if (string.IsNullOrWhiteSpace(attester.Issuer))
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
        if (options.RequireClientAuthentication && options.Clients.Count == 0 && attestation.Attesters.Count == 0)
        {
            failures.Add(
                "Setting 'Issuer:RequireClientAuthentication' is invalid: no client could authenticate; "
                    + "register clients (Issuer:Clients) or trust wallet providers (Issuer:ClientAttestation:Attesters)."
            );
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
