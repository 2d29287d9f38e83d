namespace GaiaX.Oid4vc.WebConsole;

/// <summary>The services whose public APIs the console calls.</summary>
public enum ServiceApi
{
    Issuer,
    Verifier,
    Notary,
    Compliance,
    Registry,
}
