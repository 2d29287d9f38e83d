using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Credentials.Tests.Support;

/// <summary>A signer with a did:web identity whose DID document the fixture serves.</summary>
public sealed record Party(string Did, string KeyId, SigningKey Key);
