namespace GaiaX.Oid4vc.Compliance.Registry;

/// <summary>The registry could not be asked (unreachable, time-out, error answer): an error, not a verdict.</summary>
public sealed class GaiaXRegistryUnavailableException : Exception
{
    public GaiaXRegistryUnavailableException() { }

    public GaiaXRegistryUnavailableException(string message)
        : base(message) { }

    public GaiaXRegistryUnavailableException(string message, Exception innerException)
        : base(message, innerException) { }
}
