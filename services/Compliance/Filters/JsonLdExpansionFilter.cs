using GaiaX.Oid4vc.Compliance.Ontologies;
using GaiaX.Oid4vc.Rdf;
using GaiaX.Oid4vc.Rdf.JsonLd;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// Each credential expands from JSON-LD to RDF with the pinned contexts only (VC 2.0, each known Gaia-X ontology
/// version's, and the contexts of the ecosystem extensions the registry lists): an unknown remote context is a failure,
/// never a network fetch. A credential of an unknown ontology version has failed already and is not expanded.
/// </summary>
public sealed class JsonLdExpansionFilter(OntologyCatalog contexts) : IComplianceFilter
{
    public string Name => "JsonLdExpansion";

    public string Criterion => "Each credential expands to RDF with the pinned JSON-LD contexts";

    public ComplianceScope Scope => ComplianceScope.Both;

    public ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var credential in context.Credentials)
        {
            if (credential.Ontology is null)
            {
                continue;
            }
            try
            {
                var graph = JsonLdToRdf.ToDataset(credential.Payload, contexts.WithExtensions(credential.Extensions)).DefaultGraph;
                if ((MovedType(credential, graph) ?? UntypedSubject(credential)) is { } moved)
                {
                    // The rules read the types by their Gaia-X names; the shapes would judge them elsewhere, or not at all.
                    context.AddFailure(this, credential, moved);
                    continue;
                }
                credential.Graph = graph;
            }
            catch (JsonLdException e)
            {
                context.AddFailure(this, credential, $"The credential's JSON-LD does not expand ({e.Code}): {e.Message}");
            }
        }
        return ValueTask.FromResult(FilterVerdict.Continue);
    }

    private static readonly Term RdfType = Term.Iri(Vocab.Rdf.Type);

    /// <summary>
    /// Why a type the rules read as a Gaia-X class (<c>gx:LegalPerson</c>, a Gaia-X IRI, or a bare <c>LegalPerson</c>) does not
    /// expand to that class in the credential's ontology version, or null: an inline context that redefines <c>gx</c>,
    /// <c>@vocab</c> or the term would otherwise take the credential out of reach of the shapes the rules assume.
    /// </summary>
    private static string? MovedType(AssessedCredential credential, Graph graph)
    {
        var version = credential.Ontology!;
        HashSet<string>? expanded = null;
        foreach (var type in RawTypes(credential.Payload).Concat(credential.Subjects.SelectMany(RawTypes)))
        {
            var local = CredentialJson.LocalName(type);
            if (local.Contains(':', StringComparison.Ordinal) || local.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }
            expanded ??= graph.Match(null, RdfType, null).Select(t => t.Object.Value).ToHashSet(StringComparer.Ordinal);
            if (!expanded.Contains(version.Namespace + local) && !expanded.Contains(CredentialsNamespace + local))
            {
                return $"The type '{type}' does not expand to {version.Namespace}{local}: the credential's context moves Gaia-X "
                    + $"terms out of the '{version.Name}' namespace.";
            }
        }
        return null;
    }

    private const string CredentialsNamespace = "https://www.w3.org/2018/credentials#";

    /// <summary>
    /// Why a credential typed as a Gaia-X class has no subject of that class, or null: the rules read the credential's type,
    /// the shapes the subject's, so a subject without it would be judged by the rules and escape the shapes.
    /// </summary>
    private static string? UntypedSubject(AssessedCredential credential)
    {
        var subjectTypes = credential.Subjects.SelectMany(RawTypes).Select(CredentialJson.LocalName).ToHashSet(StringComparer.Ordinal);
        foreach (var type in RawTypes(credential.Payload))
        {
            var local = CredentialJson.LocalName(type);
            if (IsGaiaXName(local) && !subjectTypes.Contains(local))
            {
                return $"The credential is typed '{type}' but no credentialSubject is: the shapes judge a subject by its own type.";
            }
        }
        return null;
    }

    /// <summary>Whether the rules read a type as a Gaia-X class (<c>gx:X</c>, a Gaia-X IRI, a bare name but the VC ones).</summary>
    private static bool IsGaiaXName(string local) =>
        !local.Contains(':', StringComparison.Ordinal) && local is not ("VerifiableCredential" or "EnvelopedVerifiableCredential");

    private static IEnumerable<string> RawTypes(System.Text.Json.JsonElement node)
    {
        if (
            node.ValueKind != System.Text.Json.JsonValueKind.Object
            || !(node.TryGetProperty("type", out var type) || node.TryGetProperty("@type", out type))
        )
        {
            yield break;
        }
        if (type.ValueKind == System.Text.Json.JsonValueKind.String)
        {
            yield return type.GetString()!;
        }
        else if (type.ValueKind == System.Text.Json.JsonValueKind.Array)
        {
            foreach (var item in type.EnumerateArray().Where(i => i.ValueKind == System.Text.Json.JsonValueKind.String))
            {
                yield return item.GetString()!;
            }
        }
    }
}
