using GaiaX.Oid4vc.Credentials;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Metadata;

/// <summary>Checks what data annotations cannot: each credential configuration is complete and consistent.</summary>
public sealed class CredentialConfigurationsValidator : IValidateOptions<IssuerOptions>
{
    private static readonly string[] ValueTypes = ["string", "number", "boolean", "object", "array"];

    public ValidateOptionsResult Validate(string? name, IssuerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.CredentialConfigurations.Count == 0)
        {
            failures.Add("Setting 'Issuer:CredentialConfigurations' is invalid: at least one credential configuration is required");
        }
        foreach (var (id, configuration) in options.CredentialConfigurations)
        {
            var key = $"Issuer:CredentialConfigurations:{id}";
            switch (configuration.Format)
            {
                case CredentialFormats.JwtVcJson when configuration.Types.Count == 0 || configuration.Types[0] != "VerifiableCredential":
                    failures.Add(
                        $"Setting '{key}:Types' is invalid: a jwt_vc_json configuration lists its types, starting with VerifiableCredential"
                    );
                    break;
                case CredentialFormats.SdJwtVc when string.IsNullOrWhiteSpace(configuration.Vct):
                    failures.Add($"Setting '{key}:Vct' is invalid: a dc+sd-jwt configuration needs a vct");
                    break;
                case CredentialFormats.JwtVcJson or CredentialFormats.SdJwtVc:
                    break;
                default:
                    failures.Add($"Setting '{key}:Format' is invalid: '{configuration.Format}' is not jwt_vc_json or dc+sd-jwt");
                    break;
            }
            if (configuration.Preparation != CredentialPreparation.IssuerSigned && configuration.Format != CredentialFormats.JwtVcJson)
            {
                failures.Add($"Setting '{key}:Format' is invalid: credentials prepared by another service are jwt_vc_json");
            }
            for (var i = 0; i < configuration.Claims.Count; i++)
            {
                var claim = configuration.Claims[i];
                if (claim.Path.Count == 0 || claim.Path.Any(string.IsNullOrWhiteSpace))
                {
                    failures.Add($"Setting '{key}:Claims:{i}:Path' is invalid: a claims path is a non-empty list of names");
                }
                if (claim.ValueType is { } type && !ValueTypes.Contains(type, StringComparer.Ordinal))
                {
                    failures.Add($"Setting '{key}:Claims:{i}:ValueType' is invalid: use one of {string.Join(", ", ValueTypes)}");
                }
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
