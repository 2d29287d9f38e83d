namespace GaiaX.Oid4vc.Notary.Registries;

/// <summary>Tax ID registry (<c>Notary:Registries:TaxId</c>); syntax only when no endpoint is set.</summary>
public sealed class TaxIdRegistryOptions : ConfigurableRegistryOptions
{
    public const string SectionName = "Notary:Registries:TaxId";
}
