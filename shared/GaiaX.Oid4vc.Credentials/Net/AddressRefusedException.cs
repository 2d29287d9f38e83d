namespace GaiaX.Oid4vc.Credentials.Net;

/// <summary>Thrown from the connect step when every address of a host is refused.</summary>
public sealed class AddressRefusedException(string message) : IOException(message);
