namespace GaiaX.Oid4vc.Notary.Registries;

/// <summary>EUID registry, e.g. a BRIS gateway (<c>Notary:Registries:Euid</c>); syntax only when no endpoint is set.</summary>
public sealed class EuidRegistryOptions : ConfigurableRegistryOptions
{
    public const string SectionName = "Notary:Registries:Euid";
}
