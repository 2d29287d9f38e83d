namespace GaiaX.Oid4vc.Credentials.Status;

/// <summary>The <c>statusPurpose</c> values of a Bitstring Status List entry this stack issues and checks.</summary>
public static class StatusPurposes
{
    public const string Revocation = "revocation";
    public const string Suspension = "suspension";
}
