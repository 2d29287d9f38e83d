namespace GaiaX.Oid4vc.Rdf.Shacl;

/// <summary>One SHACL validation result (section 3.6.2).</summary>
public sealed record ValidationResult
{
    public required Term FocusNode { get; init; }

    /// <summary>The property path of the property shape that produced the result; null for node shapes.</summary>
    public PropertyPath? Path { get; init; }

    public Term? Value { get; init; }

    public required Term SourceConstraintComponent { get; init; }

    public required Term SourceShape { get; init; }

    /// <summary>
    /// The targeted shape whose validation produced the result (e.g. <c>gx:LegalPersonShape</c> when the
    /// source shape is one of its blank-node property shapes). Not part of the SHACL report vocabulary.
    /// </summary>
    public Term? TargetShape { get; init; }

    /// <summary>The severity IRI (sh:Violation, sh:Warning, sh:Info or a custom one).</summary>
    public required Term SeverityIri { get; init; }

    public Severity Severity =>
        SeverityIri.Equals(Sh.Warning) ? Severity.Warning
        : SeverityIri.Equals(Sh.Info) ? Severity.Info
        : Severity.Violation;

    /// <summary>The shape's sh:message values when it has any, otherwise one message written by us.</summary>
    public required IReadOnlyList<Term> Messages { get; init; }

    /// <summary>The first message, as text.</summary>
    public string Message => Messages.Count > 0 ? Messages[0].Value : "";
}
