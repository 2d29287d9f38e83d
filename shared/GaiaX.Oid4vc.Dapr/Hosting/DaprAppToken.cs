using System.Security.Cryptography;
using System.Text;

namespace GaiaX.Oid4vc.Dapr.Hosting;

/// <summary>
/// The secret the Dapr sidecar presents to its app in the <c>dapr-api-token</c> header
/// (<c>APP_API_TOKEN</c>): what tells an event delivery from anyone else's POST to an event route.
/// </summary>
public sealed class DaprAppToken
{
    /// <summary>The header daprd (and the embedded sidecar) sends the token in.</summary>
    public const string HeaderName = "dapr-api-token";

    /// <summary>The environment variable daprd and the app read the token from.</summary>
    public const string EnvironmentVariable = "APP_API_TOKEN";

    private readonly byte[]? _expected;

    public DaprAppToken(string? token)
    {
        _expected = string.IsNullOrEmpty(token) ? null : Encoding.UTF8.GetBytes(token);
    }

    /// <summary>The token from <c>Dapr:AppApiToken</c>, else <c>APP_API_TOKEN</c> (configuration, then the environment).</summary>
    public static DaprAppToken FromConfiguration(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        new(DaprHostingExtensions.Setting(configuration, DaprHostingExtensions.AppApiTokenKey, EnvironmentVariable));

    /// <summary>False when no token is configured: then no request is the sidecar's.</summary>
    public bool IsConfigured => _expected is not null;

    /// <summary>True when <paramref name="presented"/> is the configured token (compared in constant time).</summary>
    public bool Matches(string? presented)
    {
        if (_expected is null || string.IsNullOrEmpty(presented))
        {
            return false;
        }
        var bytes = Encoding.UTF8.GetBytes(presented);
        return CryptographicOperations.FixedTimeEquals(bytes, _expected);
    }
}
