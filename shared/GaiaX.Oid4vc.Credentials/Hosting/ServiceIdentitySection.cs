namespace GaiaX.Oid4vc.Credentials.Hosting;

/// <summary>
/// The configuration section whose <c>PublicBaseUrl</c> names the service (and so its DID), as given to
/// <see cref="ServiceIdentityHosting.AddServiceIdentity{TBuilder}"/>; the web host reads it to serve the
/// DID document at the path the DID implies, without loading the identity itself.
/// </summary>
public sealed record ServiceIdentitySection(string ServiceSection);
