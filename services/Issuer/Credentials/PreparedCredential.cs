using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Offers;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>One prepared credential in its wire form.</summary>
public sealed record PreparedCredential(string Credential, string Format, bool NeedsAssessment);
