using System.Text.Json;

namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>One entry of <c>credential_configurations_supported</c>.</summary>
public sealed record CredentialConfiguration(string Format, string? Scope, bool RequiresProof, IReadOnlyList<string> ProofSigningAlgorithms)
{
    /// <summary><c>key_attestations_required</c> of the <c>jwt</c> proof type (appendix D); null: no attestation needed.</summary>
    public KeyAttestationRequirement? KeyAttestationsRequired { get; init; }

    public static CredentialConfiguration Parse(JsonElement element)
    {
        var format = IssuerMetadata.String(element, "format") ?? string.Empty;
        var algorithms = new List<string>();
        var requiresProof = false;
        KeyAttestationRequirement? keyAttestations = null;
        if (
            element.TryGetProperty("proof_types_supported", out var proofTypes)
            && proofTypes.ValueKind == JsonValueKind.Object
            && proofTypes.TryGetProperty("jwt", out var jwt)
            && jwt.ValueKind == JsonValueKind.Object
        )
        {
            requiresProof = true;
            if (jwt.TryGetProperty("proof_signing_alg_values_supported", out var values) && values.ValueKind == JsonValueKind.Array)
            {
                algorithms.AddRange(values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
            }
            if (jwt.TryGetProperty("key_attestations_required", out var required) && required.ValueKind == JsonValueKind.Object)
            {
                keyAttestations = new KeyAttestationRequirement(Levels(required, "key_storage"), Levels(required, "user_authentication"));
            }
        }
        return new CredentialConfiguration(format, IssuerMetadata.String(element, "scope"), requiresProof, algorithms)
        {
            KeyAttestationsRequired = keyAttestations,
        };
    }

    private static List<string> Levels(JsonElement required, string name) =>
        required.TryGetProperty(name, out var values) && values.ValueKind == JsonValueKind.Array
            ? values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];
}
