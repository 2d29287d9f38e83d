namespace GaiaX.Oid4vc.Compliance.Registry;

/// <summary>A registry view that keeps answers and can be told they are stale (<c>trust-list-changed</c>).</summary>
public interface ITrustViewInvalidation
{
    void Invalidate();
}
