namespace GaiaX.Oid4vc.Rdf.Shacl;

/// <summary>The severity of a validation result.</summary>
public enum Severity
{
    Violation,
    Warning,
    Info,
}
