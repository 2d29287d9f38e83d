namespace GaiaX.Oid4vc.Notary.Registries;

/// <summary>
/// A registry an operator configures for tax IDs, EUIDs or local numbers. <see cref="RegistryClientOptions.Endpoint"/>
/// is a URL template (<c>https://registry.example/companies/{country}/{value}</c>) answered with
/// 200 (registered; a JSON body <c>{"valid": false}</c> means not registered), 404 or 410 (not
/// registered), 429 or 5xx (unavailable). Left empty, the type is checked for syntax only.
/// </summary>
public abstract class ConfigurableRegistryOptions : RegistryClientOptions
{
    protected override bool EndpointRequired => false;

    protected override bool EndpointIsTemplate => true;
}
