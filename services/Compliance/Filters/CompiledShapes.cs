using System.Collections.Concurrent;
using GaiaX.Oid4vc.Compliance.Registry;
using GaiaX.Oid4vc.Rdf.GaiaX;
using GaiaX.Oid4vc.Rdf.Shacl;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>Compiled shapes per registry version, built once and shared (compiled shapes are immutable).</summary>
public sealed class CompiledShapes
{
    private readonly ConcurrentDictionary<string, Lazy<ShapesGraph>> _compiled = new(StringComparer.Ordinal);

    public ShapesGraph For(ShapeSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return _compiled
            .GetOrAdd(source.Origin + "|" + source.Version, _ => new Lazy<ShapesGraph>(() =>
                source.Turtle is null ? GaiaXShapes.LoadRepositoryProfile() : GaiaXShapes.LoadOfficial(source.Turtle, source.OntologyTurtle)
            ))
            .Value;
    }
}
