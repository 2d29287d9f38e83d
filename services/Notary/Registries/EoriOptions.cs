namespace GaiaX.Oid4vc.Notary.Registries;

/// <summary>EU EOS EORI validation service, SOAP <c>validateEORI</c> (<c>Notary:Registries:Eori</c>).</summary>
public sealed class EoriOptions : RegistryClientOptions
{
    public const string SectionName = "Notary:Registries:Eori";
    public const string ProductionEndpoint = "https://ec.europa.eu/taxation_customs/dds2/eos/validation/services/validation";

    public EoriOptions() => Endpoint = ProductionEndpoint;
}
