namespace GaiaX.Oid4vc.Compliance.Ontologies;

/// <summary>Which Gaia-X ontology version a credential uses, or why it cannot be told.</summary>
public sealed record OntologyIdentification(OntologyVersion? Version, string? Problem)
{
    public static OntologyIdentification Of(OntologyVersion version) => new(version, null);

    public static OntologyIdentification Refused(string problem) => new(null, problem);
}
