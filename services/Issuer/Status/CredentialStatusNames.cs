namespace GaiaX.Oid4vc.Issuer.Status;

/// <summary>The status names the management API and the <c>credential-status-changed</c> event use.</summary>
public static class CredentialStatusNames
{
    public const string Valid = "valid";
    public const string Revoked = "revoked";
    public const string Suspended = "suspended";
}
