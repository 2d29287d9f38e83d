using GaiaX.Oid4vc.Rdf.JsonLd;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.SdJwt;
using GaiaX.Oid4vc.Credentials;

namespace GaiaX.Oid4vc.Wallet.Presentation;

/// <summary>A selectively disclosable claim of an SD-JWT VC and where it sits in the credential.</summary>
public sealed record PlacedDisclosure(Disclosure Disclosure, IReadOnlyList<object> Path);
