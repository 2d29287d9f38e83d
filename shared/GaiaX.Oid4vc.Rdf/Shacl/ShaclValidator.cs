namespace GaiaX.Oid4vc.Rdf.Shacl;

/// <summary>Entry point mirroring the SHACL specification's terms: validate a data graph with a compiled shapes graph.</summary>
public static class ShaclValidator
{
    public static ValidationReport Validate(ShapesGraph shapes, Graph dataGraph, ShaclValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        return shapes.Validate(dataGraph, options);
    }
}
