namespace GaiaX.Oid4vc.Rdf.JsonLd;

/// <summary>The context URLs our credentials use.</summary>
public static class ContextUrls
{
    /// <summary>The W3C Verifiable Credentials Data Model 2.0 context.</summary>
    public const string CredentialsV2 = "https://www.w3.org/ns/credentials/v2";

    /// <summary>The Gaia-X 25.11 context (the ontology namespace of the 25.11 release).</summary>
    public const string GaiaX2511 = "https://w3id.org/gaia-x/development#";
}

internal static class EmbeddedResources
{
    public static string Read(string name)
    {
        using var stream = typeof(EmbeddedResources).Assembly.GetManifestResourceStream("GaiaX.Oid4vc.Rdf." + name)
            ?? throw new InvalidOperationException("embedded resource missing: " + name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
