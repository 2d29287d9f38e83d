using System.Text.Json;

namespace GaiaX.Oid4vc.Verifier.Dcql;

/// <summary>A DCQL query (OpenID4VP 1.0 §6): the credentials a relying party asks for.</summary>
public sealed record DcqlQuery
{
    public required IReadOnlyList<CredentialQuery> Credentials { get; init; }

    /// <summary>Constraints on which combinations of credentials satisfy the request; null when absent.</summary>
    public IReadOnlyList<CredentialSetQuery>? CredentialSets { get; init; }

    public CredentialQuery? Find(string id) => Credentials.FirstOrDefault(c => c.Id == id);
}

/// <summary>A Credential Query (§6.1).</summary>
public sealed record CredentialQuery
{
    public required string Id { get; init; }

    public required string Format { get; init; }

    public bool Multiple { get; init; }

    public required CredentialQueryMeta Meta { get; init; }

    public IReadOnlyList<TrustedAuthoritiesQuery>? TrustedAuthorities { get; init; }

    /// <summary>Defaults to true: a presentation with a holder-binding proof is required.</summary>
    public bool RequireCryptographicHolderBinding { get; init; } = true;

    public IReadOnlyList<ClaimsQuery>? Claims { get; init; }

    /// <summary>Alternative combinations of claim ids, most preferred first; null when absent.</summary>
    public IReadOnlyList<IReadOnlyList<string>>? ClaimSets { get; init; }
}

/// <summary>
/// The format-specific <c>meta</c> constraints: <c>vct_values</c> for <c>dc+sd-jwt</c>,
/// <c>type_values</c> for W3C formats.
/// </summary>
public sealed record CredentialQueryMeta
{
    public IReadOnlyList<string>? VctValues { get; init; }

    public IReadOnlyList<IReadOnlyList<string>>? TypeValues { get; init; }
}

/// <summary>A Trusted Authorities Query (§6.1.1), e.g. <c>{"type":"aki","values":[…]}</c>.</summary>
public sealed record TrustedAuthoritiesQuery(string Type, IReadOnlyList<string> Values);

/// <summary>A Credential Set Query (§6.2).</summary>
public sealed record CredentialSetQuery
{
    public required IReadOnlyList<IReadOnlyList<string>> Options { get; init; }

    public bool Required { get; init; } = true;
}

/// <summary>A Claims Query (§6.3).</summary>
public sealed record ClaimsQuery
{
    public string? Id { get; init; }

    public required ClaimsPathPointer Path { get; init; }

    /// <summary>Allowed values (strings, integers or booleans); null when any value is accepted.</summary>
    public IReadOnlyList<JsonElement>? Values { get; init; }
}
