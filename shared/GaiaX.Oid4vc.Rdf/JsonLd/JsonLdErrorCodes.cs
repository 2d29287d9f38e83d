namespace GaiaX.Oid4vc.Rdf.JsonLd;

/// <summary>The JSON-LD error codes this processor raises.</summary>
public static class JsonLdErrorCodes
{
    public const string LoadingRemoteContextFailed = "loading remote context failed";
    public const string InvalidRemoteContext = "invalid remote context";
    public const string ContextOverflow = "context overflow";
    public const string InvalidLocalContext = "invalid local context";
    public const string InvalidContextNullification = "invalid context nullification";
    public const string InvalidBaseIri = "invalid base IRI";
    public const string InvalidVocabMapping = "invalid vocab mapping";
    public const string InvalidDefaultLanguage = "invalid default language";
    public const string InvalidVersionValue = "invalid @version value";
    public const string ProcessingModeConflict = "processing mode conflict";
    public const string InvalidPropagateValue = "invalid @propagate value";
    public const string KeywordRedefinition = "keyword redefinition";
    public const string InvalidTermDefinition = "invalid term definition";
    public const string CyclicIriMapping = "cyclic IRI mapping";
    public const string InvalidTypeMapping = "invalid type mapping";
    public const string InvalidIriMapping = "invalid IRI mapping";
    public const string InvalidKeywordAlias = "invalid keyword alias";
    public const string InvalidReverseProperty = "invalid reverse property";
    public const string InvalidContainerMapping = "invalid container mapping";
    public const string InvalidLanguageMapping = "invalid language mapping";
    public const string InvalidPrefixValue = "invalid @prefix value";
    public const string InvalidNestValue = "invalid @nest value";
    public const string ProtectedTermRedefinition = "protected term redefinition";
    public const string InvalidIdValue = "invalid @id value";
    public const string InvalidTypeValue = "invalid type value";
    public const string InvalidValueObject = "invalid value object";
    public const string InvalidLanguageTaggedString = "invalid language-tagged string";
    public const string InvalidTypedValue = "invalid typed value";
    public const string InvalidSetOrListObject = "invalid set or list object";
    public const string InvalidReverseValue = "invalid @reverse value";
    public const string InvalidIncludedValue = "invalid @included value";
    public const string InvalidLanguageMapValue = "invalid language map value";
    public const string LoadingDocumentFailed = "loading document failed";
    public const string InvalidImportValue = "invalid @import value";
}
