namespace GaiaX.Oid4vc.Notary.Registries;

/// <summary>EU VIES, SOAP <c>checkVat</c> (<c>Notary:Registries:Vies</c>).</summary>
public sealed class ViesOptions : RegistryClientOptions
{
    public const string SectionName = "Notary:Registries:Vies";
    public const string ProductionEndpoint = "https://ec.europa.eu/taxation_customs/vies/services/checkVatService";

    public ViesOptions()
    {
        Endpoint = ProductionEndpoint;
        // VIES answers MS_MAX_CONCURRENT_REQ / GLOBAL_MAX_CONCURRENT_REQ to bursts: keep few in flight.
        MaxConcurrentRequests = 2;
    }
}
