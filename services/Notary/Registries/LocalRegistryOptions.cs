namespace GaiaX.Oid4vc.Notary.Registries;

/// <summary>Local (national) register (<c>Notary:Registries:Local</c>); syntax only when no endpoint is set.</summary>
public sealed class LocalRegistryOptions : ConfigurableRegistryOptions
{
    public const string SectionName = "Notary:Registries:Local";
}
