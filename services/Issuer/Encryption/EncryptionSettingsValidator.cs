using GaiaX.Oid4vc.Credentials.Keys;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Encryption;

/// <summary>
/// Stops the Issuer at start when <c>Issuer:CredentialEncryption</c> cannot be honoured: a key file that is missing or
/// holds no P-256 key, or encryption required without a key to decrypt with.
/// </summary>
public sealed class EncryptionSettingsValidator(IOptions<IdentityOptions> identity) : IValidateOptions<IssuerOptions>
{
    public ValidateOptionsResult Validate(string? name, IssuerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.CredentialEncryption;
        if (!settings.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        if (!string.IsNullOrWhiteSpace(settings.KeyPath))
        {
            try
            {
                CredentialEncryption.Load(settings.KeyPath).Dispose();
            }
            catch (InvalidOperationException ex)
            {
                return ValidateOptionsResult.Fail(ex.Message);
            }
        }
        else if (settings.Required && identity.Value.Source != IdentitySource.Development)
        {
            return ValidateOptionsResult.Fail(
                "Setting 'Issuer:CredentialEncryption:Required' needs a key: set Issuer:CredentialEncryption:KeyPath to the PEM "
                    + "P-256 key wallets encrypt requests to (the same in every replica)."
            );
        }
        return ValidateOptionsResult.Success;
    }
}
