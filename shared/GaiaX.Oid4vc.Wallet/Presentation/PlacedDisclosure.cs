using GaiaX.Oid4vc.Credentials.SdJwt;

namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>A selectively disclosable claim of an SD-JWT VC and where it sits in the credential.</summary>
public sealed record PlacedDisclosure(Disclosure Disclosure, IReadOnlyList<object> Path);
