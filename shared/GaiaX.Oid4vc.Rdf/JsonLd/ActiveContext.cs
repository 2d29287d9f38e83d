using System.Collections.Concurrent;
using System.Text.Json;

namespace GaiaX.Oid4vc.Rdf.JsonLd;

[Flags]
internal enum Containers
{
    None = 0,
    List = 1,
    Set = 2,
    Language = 4,
    Index = 8,
    Graph = 16,
    Id = 32,
    Type = 64,
}

/// <summary>A term definition (JSON-LD 1.1 API §4.2). Immutable once added to a context.</summary>
internal sealed class TermDefinition
{
    public string? IriMapping { get; set; }

    public bool Reverse { get; set; }

    public string? TypeMapping { get; set; }

    public Containers Container { get; set; }

    /// <summary>True when the definition has a language mapping (which may be null: "no language").</summary>
    public bool HasLanguage { get; set; }

    public string? Language { get; set; }

    public JsonElement? Context { get; set; }

    public string? ContextBase { get; set; }

    public bool Protected { get; set; }

    public bool Prefix { get; set; }

    public string? Nest { get; set; }

    public bool SameAs(TermDefinition other) =>
        IriMapping == other.IriMapping
        && Reverse == other.Reverse
        && TypeMapping == other.TypeMapping
        && Container == other.Container
        && HasLanguage == other.HasLanguage
        && Language == other.Language
        && Prefix == other.Prefix
        && Nest == other.Nest
        && Context.HasValue == other.Context.HasValue
        && (!Context.HasValue || JsonElement.DeepEquals(Context.Value, other.Context!.Value));
}

/// <summary>
/// An active context. Immutable once built; contexts derived only from pinned documents are
/// <see cref="Shareable"/> and cache what is derived from them, so a credential's pinned contexts
/// are processed once per process.
/// </summary>
internal sealed class ActiveContext
{
    private const int MaxDerived = 256;
    private readonly ConcurrentDictionary<(object Key, bool Override, bool Propagate), ActiveContext>? derived;

    public ActiveContext(bool shareable)
    {
        Shareable = shareable;
        if (shareable)
        {
            derived = new ConcurrentDictionary<(object, bool, bool), ActiveContext>();
        }
    }

    public static ActiveContext Initial { get; } = new(shareable: true);

    public bool Shareable { get; }

    public string? BaseIri { get; set; }

    public string? OriginalBaseIri { get; set; }

    public string? Vocab { get; set; }

    public string? DefaultLanguage { get; set; }

    public ActiveContext? PreviousContext { get; set; }

    public Dictionary<string, TermDefinition> Terms { get; private set; } = new(StringComparer.Ordinal);

    public bool HasProtectedTerms => Terms.Values.Any(t => t.Protected);

    public ActiveContext Clone(bool shareable)
    {
        var copy = new ActiveContext(shareable)
        {
            BaseIri = BaseIri,
            OriginalBaseIri = OriginalBaseIri,
            Vocab = Vocab,
            DefaultLanguage = DefaultLanguage,
            PreviousContext = PreviousContext,
        };
        copy.Terms = new Dictionary<string, TermDefinition>(Terms, StringComparer.Ordinal);
        return copy;
    }

    public bool TryGetDerived(object key, bool overrideProtected, bool propagate, out ActiveContext result)
    {
        result = null!;
        return derived is not null && derived.TryGetValue((key, overrideProtected, propagate), out result!);
    }

    public void AddDerived(object key, bool overrideProtected, bool propagate, ActiveContext result)
    {
        // Bounded: the keys are pinned documents and their term definitions, but their combinations are not.
        if (derived is not null && derived.Count < MaxDerived)
        {
            derived.TryAdd((key, overrideProtected, propagate), result);
        }
    }
}
