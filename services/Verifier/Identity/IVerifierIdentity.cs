using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Verifier.Identity;

/// <summary>
/// The keys the Verifier signs its request objects with: its service identity (client identifier
/// prefix <c>decentralized_identifier</c>, <c>kid</c> = a DID URL of its did:web DID) and an X.509
/// chain for <c>x509_san_dns</c>. Keys never leave the service.
/// </summary>
public interface IVerifierIdentity
{
    /// <summary>The Verifier's DID, e.g. <c>did:web:verifier.example.com</c>.</summary>
    string Did { get; }

    /// <summary>The service key; its <c>kid</c> is the DID URL of the verification method in the DID document.</summary>
    SigningKey SigningKey { get; }

    /// <summary>The X.509 identity, or null when there is none.</summary>
    X509ClientIdentity? X509 { get; }

    /// <summary>The Verifier Attestation JWT issued for the service key, or null when there is none.</summary>
    VerifierAttestation? Attestation { get; }
}
