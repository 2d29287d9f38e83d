namespace GaiaX.Oid4vc.Rdf.Shacl;

/// <summary>SHACL vocabulary terms.</summary>
public static class Sh
{
    public const string Ns = "http://www.w3.org/ns/shacl#";

    public static readonly Term NodeShape = T("NodeShape");
    public static readonly Term PropertyShape = T("PropertyShape");
    public static readonly Term TargetClass = T("targetClass");
    public static readonly Term TargetNode = T("targetNode");
    public static readonly Term TargetSubjectsOf = T("targetSubjectsOf");
    public static readonly Term TargetObjectsOf = T("targetObjectsOf");
    public static readonly Term Path = T("path");
    public static readonly Term InversePath = T("inversePath");
    public static readonly Term AlternativePath = T("alternativePath");
    public static readonly Term ZeroOrMorePath = T("zeroOrMorePath");
    public static readonly Term OneOrMorePath = T("oneOrMorePath");
    public static readonly Term ZeroOrOnePath = T("zeroOrOnePath");
    public static readonly Term Severity = T("severity");
    public static readonly Term Message = T("message");
    public static readonly Term Deactivated = T("deactivated");
    public static readonly Term Violation = T("Violation");
    public static readonly Term Warning = T("Warning");
    public static readonly Term Info = T("Info");
    public static readonly Term Class = T("class");
    public static readonly Term Datatype = T("datatype");
    public static readonly Term NodeKind = T("nodeKind");
    public static readonly Term MinCount = T("minCount");
    public static readonly Term MaxCount = T("maxCount");
    public static readonly Term MinExclusive = T("minExclusive");
    public static readonly Term MaxExclusive = T("maxExclusive");
    public static readonly Term MinInclusive = T("minInclusive");
    public static readonly Term MaxInclusive = T("maxInclusive");
    public static readonly Term MinLength = T("minLength");
    public static readonly Term MaxLength = T("maxLength");
    public static readonly Term Pattern = T("pattern");
    public static readonly Term Flags = T("flags");
    public static readonly Term LanguageIn = T("languageIn");
    public static readonly Term UniqueLang = T("uniqueLang");
    public static readonly Term EqualsP = T("equals");
    public static readonly Term Disjoint = T("disjoint");
    public static readonly Term LessThan = T("lessThan");
    public static readonly Term LessThanOrEquals = T("lessThanOrEquals");
    public static readonly Term Not = T("not");
    public static readonly Term And = T("and");
    public static readonly Term Or = T("or");
    public static readonly Term Xone = T("xone");
    public static readonly Term Node = T("node");
    public static readonly Term Property = T("property");
    public static readonly Term QualifiedValueShape = T("qualifiedValueShape");
    public static readonly Term QualifiedMinCount = T("qualifiedMinCount");
    public static readonly Term QualifiedMaxCount = T("qualifiedMaxCount");
    public static readonly Term QualifiedValueShapesDisjoint = T("qualifiedValueShapesDisjoint");
    public static readonly Term Closed = T("closed");
    public static readonly Term IgnoredProperties = T("ignoredProperties");
    public static readonly Term HasValue = T("hasValue");
    public static readonly Term In = T("in");
    public static readonly Term BlankNode = T("BlankNode");
    public static readonly Term Iri = T("IRI");
    public static readonly Term Literal = T("Literal");
    public static readonly Term BlankNodeOrIri = T("BlankNodeOrIRI");
    public static readonly Term BlankNodeOrLiteral = T("BlankNodeOrLiteral");
    public static readonly Term IriOrLiteral = T("IRIOrLiteral");
    public static readonly Term ValidationReport = T("ValidationReport");
    public static readonly Term ValidationResult = T("ValidationResult");
    public static readonly Term Conforms = T("conforms");
    public static readonly Term Result = T("result");
    public static readonly Term FocusNode = T("focusNode");
    public static readonly Term ResultPath = T("resultPath");
    public static readonly Term Value = T("value");
    public static readonly Term SourceShape = T("sourceShape");
    public static readonly Term SourceConstraintComponent = T("sourceConstraintComponent");
    public static readonly Term ResultSeverity = T("resultSeverity");
    public static readonly Term ResultMessage = T("resultMessage");

    internal static Term Component(string name) => T(name + "ConstraintComponent");

    private static Term T(string local) => Term.Iri(Ns + local);
}
