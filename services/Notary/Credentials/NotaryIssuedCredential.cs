namespace GaiaX.Oid4vc.Notary.Credentials;

/// <summary>A registration-number credential the Notary signed, and where its status lives.</summary>
public sealed record NotaryIssuedCredential(string Id, int List, int Index);
