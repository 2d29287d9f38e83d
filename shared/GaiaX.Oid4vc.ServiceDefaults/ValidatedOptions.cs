using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// Typed options bound from configuration and validated when the host starts, so a bad setting
/// stops the service with a message that names the setting by its configuration key
/// (e.g. <c>Issuer:PublicBaseUrl</c>), not by a C# member name.
/// </summary>
public static class ValidatedOptions
{
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IHostApplicationBuilder builder, string sectionName)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new ConfigurationKeyValidator<TOptions>(sectionName));
        return builder.Services.AddOptions<TOptions>().Bind(builder.Configuration.GetSection(sectionName)).ValidateOnStart();
    }

    private sealed class ConfigurationKeyValidator<TOptions>(string sectionName) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var results = new List<ValidationResult>();
            var context = new ValidationContext(options);
            if (Validator.TryValidateObject(options, context, results, validateAllProperties: true))
            {
                return ValidateOptionsResult.Success;
            }

            var failures = results.Select(result =>
            {
                var members = result.MemberNames.Any() ? result.MemberNames : [string.Empty];
                return string.Join(
                    "; ",
                    members.Select(member =>
                        $"Setting '{(member.Length == 0 ? sectionName : $"{sectionName}:{member}")}' is invalid: {result.ErrorMessage}"
                    )
                );
            });
            return ValidateOptionsResult.Fail(failures);
        }
    }
}
