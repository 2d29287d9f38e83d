namespace GaiaX.Oid4vc.Compliance.Ontologies;

/// <summary>
/// A Gaia-X ontology version as credentials name it: by the namespace of their Gaia-X terms, which is also the URL
/// of the JSON-LD context they list (<c>https://w3id.org/gaia-x/development#</c>, <c>https://w3id.org/gaia-x/2511#</c>).
/// A version either has files of its own (<see cref="Files"/>) or is the same release under another namespace
/// (<see cref="SameReleaseAs"/>: the release's shapes and context with the namespace replaced).
/// </summary>
public sealed record OntologyVersion(
    string Name,
    string Namespace,
    string CriteriaVersion,
    string? SameReleaseAs = null,
    OntologyVersionFiles? Files = null
)
{
    /// <summary>The namespace of the 25.11 release files as published (and of the credentials this stack issues).</summary>
    public const string DevelopmentNamespace = "https://w3id.org/gaia-x/development#";

    /// <summary>The versioned namespace of the 25.11 release.</summary>
    public const string Release2511Namespace = "https://w3id.org/gaia-x/2511#";

    /// <summary>Where Gaia-X namespaces live: a context under this prefix names an ontology version.</summary>
    public const string GaiaXNamespacePrefix = "https://w3id.org/gaia-x/";

    /// <summary>The version of the published 25.11 files and of our own profile.</summary>
    public static OntologyVersion Development { get; } = new("development", DevelopmentNamespace, "24.11");

    /// <summary>The same release in its versioned namespace.</summary>
    public static OntologyVersion Release2511 { get; } = new("2511", Release2511Namespace, "24.11", SameReleaseAs: "development");

    /// <summary>Rewrites a text of the release this version maps onto (Turtle, JSON-LD) into this version's namespace.</summary>
    public string Rebase(string text, string fromNamespace)
    {
        ArgumentNullException.ThrowIfNull(text);
        return fromNamespace == Namespace ? text : text.Replace(fromNamespace, Namespace, StringComparison.Ordinal);
    }
}
