namespace GaiaX.Oid4vc.Credentials.Keys;

/// <summary>Where a service's signing key and certificate come from (configuration section <c>Identity</c>).</summary>
public enum IdentitySource
{
    /// <summary>Generated on first start from a development CA, kept in <see cref="IdentityOptions.DataPath"/>, reused after.</summary>
    Development,

    /// <summary>A PEM private key and PEM certificate chain from files (a mounted Kubernetes secret).</summary>
    Files,
}
