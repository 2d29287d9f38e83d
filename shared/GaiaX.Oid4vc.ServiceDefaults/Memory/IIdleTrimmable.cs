namespace GaiaX.Oid4vc.ServiceDefaults.Memory;

/// <summary>
/// A cache that lets go of what it no longer needs (expired entries) when the service goes idle, before the
/// collection that returns the memory. Register it as this interface too.
/// </summary>
public interface IIdleTrimmable
{
    void TrimIdle();
}
