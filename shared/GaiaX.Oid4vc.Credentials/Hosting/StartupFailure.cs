using System.Security.Cryptography;

namespace GaiaX.Oid4vc.Credentials.Hosting;

/// <summary>Turns a file that cannot be had at start into a message naming the setting that points at it.</summary>
internal static class StartupFailure
{
    public static T Naming<T>(string setting, string path, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException($"Setting '{setting}' ({path}): {ex.Message}", ex);
        }
    }
}
