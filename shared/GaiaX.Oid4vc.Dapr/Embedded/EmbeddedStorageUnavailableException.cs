namespace GaiaX.Oid4vc.Dapr.Embedded;

/// <summary>The embedded sidecar's storage cannot be reached; the sidecar answers the call with an error, as daprd does when its state
/// store is down.</summary>
public sealed class EmbeddedStorageUnavailableException : Exception
{
    public EmbeddedStorageUnavailableException() { }

    public EmbeddedStorageUnavailableException(string message)
        : base(message) { }

    public EmbeddedStorageUnavailableException(string message, Exception innerException)
        : base(message, innerException) { }
}
