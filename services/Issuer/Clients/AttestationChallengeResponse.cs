using System.Text.Json.Serialization;

namespace GaiaX.Oid4vc.Issuer.Clients;

/// <summary>The answer of <c>POST /challenge</c>: a challenge for the next client attestation proof of possession.</summary>
public sealed record AttestationChallengeResponse([property: JsonPropertyName("attestation_challenge")] string AttestationChallenge);
