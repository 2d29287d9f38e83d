using System.ComponentModel.DataAnnotations;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>An absolute <c>http</c> or <c>https</c> URL without a fragment.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class AbsoluteHttpUrlAttribute : ValidationAttribute
{
    public AbsoluteHttpUrlAttribute()
        : base("must be an absolute http or https URL without a fragment") { }

    public override bool IsValid(object? value) =>
        value switch
        {
            null => true, // [Required] decides whether a value must be present.
            string s => Uri.TryCreate(s, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                && string.IsNullOrEmpty(uri.Fragment),
            Uri uri => uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp),
            _ => false,
        };

    public override string FormatErrorMessage(string name) => ErrorMessageString;
}
