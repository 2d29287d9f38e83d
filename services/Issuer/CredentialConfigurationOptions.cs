using GaiaX.Oid4vc.Credentials;

namespace GaiaX.Oid4vc.Issuer;

/// <summary>One entry of <c>credential_configurations_supported</c>.</summary>
public sealed class CredentialConfigurationOptions
{
    /// <summary><c>jwt_vc_json</c> or <c>dc+sd-jwt</c>.</summary>
    public string Format { get; set; } = CredentialFormats.JwtVcJson;

    /// <summary>The OAuth scope value that requests this configuration.</summary>
    public string? Scope { get; set; }

    public CredentialPreparation Preparation { get; set; } = CredentialPreparation.IssuerSigned;

    /// <summary><c>credential_definition.type</c> of a <c>jwt_vc_json</c> configuration.</summary>
    public List<string> Types { get; set; } = [];

    /// <summary>
    /// <c>@context</c> entries a <c>jwt_vc_json</c> credential carries after the VCDM 2.0 base context,
    /// e.g. the Gaia-X context, without which <c>gx:</c> types and claims expand to no Gaia-X IRI
    /// (and a DCQL query for the expanded type, OpenID4VP 1.0 appendix B.1.1, would not match).
    /// </summary>
    public List<string> Contexts { get; set; } = [];

    /// <summary><c>vct</c> of a <c>dc+sd-jwt</c> configuration.</summary>
    public string? Vct { get; set; }

    public List<ClaimDefinitionOptions> Claims { get; set; } = [];

    /// <summary><c>key_attestations_required</c>: holder keys must be attested (OpenID4VCI 1.0 appendix D).</summary>
    public Credentials.KeyAttestationRequirementOptions KeyAttestations { get; set; } = new();

    public List<DisplayOptions> Display { get; set; } = [];
}
