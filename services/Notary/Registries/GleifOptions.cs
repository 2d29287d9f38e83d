namespace GaiaX.Oid4vc.Notary.Registries;

/// <summary>GLEIF API base URL, e.g. <c>https://api.gleif.org/api/v1</c> (<c>Notary:Registries:Gleif</c>).</summary>
public sealed class GleifOptions : RegistryClientOptions
{
    public const string SectionName = "Notary:Registries:Gleif";
    public const string ProductionEndpoint = "https://api.gleif.org/api/v1";

    public GleifOptions() => Endpoint = ProductionEndpoint;
}
