using Microsoft.Extensions.Configuration;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// Settings a deployment must fill in before the service may start. An overlay writes the placeholder
/// <c>REQUIRED: what to put here</c> (e.g. <c>Issuer__Management__Authority</c> in <c>k8s/overlays/prod</c>);
/// a service that still sees one refuses to start and names every such setting, rather than starting with
/// a management API that refuses every call or a trust list that trusts nobody.
/// </summary>
public static class RequiredSettings
{
    public const string Placeholder = "REQUIRED:";

    /// <summary>Throws naming every setting of <paramref name="configuration"/> that still holds the placeholder.</summary>
    public static void ThrowIfUnset(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var unset = configuration
            .AsEnumerable()
            .Where(setting => setting.Value?.StartsWith(Placeholder, StringComparison.Ordinal) == true)
            .OrderBy(setting => setting.Key, StringComparer.Ordinal)
            .Select(setting => $"Setting '{setting.Key}' is not set: {setting.Value![Placeholder.Length..].Trim()}")
            .ToList();
        if (unset.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, unset));
        }
    }
}
