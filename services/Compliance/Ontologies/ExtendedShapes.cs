using GaiaX.Oid4vc.Compliance.Registry;
using GaiaX.Oid4vc.Rdf.Shacl;

namespace GaiaX.Oid4vc.Compliance.Ontologies;

/// <summary>
/// The Gaia-X shapes of a version with the class hierarchy to judge them by (the ontology's, extended with the
/// ecosystem extensions' subclasses) and each extension's own compiled shapes.
/// </summary>
public sealed record ExtendedShapes(
    ShapesGraph GaiaX,
    ClassHierarchy Hierarchy,
    IReadOnlyList<(EcosystemExtension Extension, ShapesGraph Shapes)> Extensions
);
