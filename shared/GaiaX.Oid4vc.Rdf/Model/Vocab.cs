namespace GaiaX.Oid4vc.Rdf;

/// <summary>IRIs of the vocabularies the parsers and the validator need.</summary>
public static class Vocab
{
    public static class Rdf
    {
        public const string Ns = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
        public const string Type = Ns + "type";
        public const string First = Ns + "first";
        public const string Rest = Ns + "rest";
        public const string Nil = Ns + "nil";
        public const string LangString = Ns + "langString";
        public const string Json = Ns + "JSON";
        public const string DirLangString = Ns + "dirLangString";
    }

    public static class Rdfs
    {
        public const string Ns = "http://www.w3.org/2000/01/rdf-schema#";
        public const string SubClassOf = Ns + "subClassOf";
        public const string Class = Ns + "Class";
    }

    public static class Xsd
    {
        public const string Ns = "http://www.w3.org/2001/XMLSchema#";
        public const string String = Ns + "string";
        public const string Boolean = Ns + "boolean";
        public const string Integer = Ns + "integer";
        public const string Decimal = Ns + "decimal";
        public const string Double = Ns + "double";
        public const string Float = Ns + "float";
        public const string Date = Ns + "date";
        public const string DateTime = Ns + "dateTime";
        public const string AnyUri = Ns + "anyURI";
    }

    public static class Sh
    {
        public const string Ns = "http://www.w3.org/ns/shacl#";
    }
}

/// <summary>Frequently used terms, created once.</summary>
internal static class Terms
{
    public static readonly Term RdfType = Term.Iri(Vocab.Rdf.Type);
    public static readonly Term RdfFirst = Term.Iri(Vocab.Rdf.First);
    public static readonly Term RdfRest = Term.Iri(Vocab.Rdf.Rest);
    public static readonly Term RdfNil = Term.Iri(Vocab.Rdf.Nil);
    public static readonly Term SubClassOf = Term.Iri(Vocab.Rdfs.SubClassOf);
    public static readonly Term RdfsClass = Term.Iri(Vocab.Rdfs.Class);
    public static readonly Term True = Term.Literal("true", Vocab.Xsd.Boolean);
    public static readonly Term False = Term.Literal("false", Vocab.Xsd.Boolean);
}
