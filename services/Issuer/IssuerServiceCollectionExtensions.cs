using GaiaX.Oid4vc.Credentials.Hosting;
using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Issuer;

public static class IssuerServiceCollectionExtensions
{
    /// <summary>Registers the Issuer service's options and application services.</summary>
    public static WebApplicationBuilder AddIssuerServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<IssuerOptions>(IssuerOptions.SectionName);
        builder.AddGaiaXDapr();
        builder.AddServiceIdentity(IssuerOptions.SectionName);
        if (builder.Configuration[$"{RequestLimitsOptions.SectionName}:{nameof(RequestLimitsOptions.MaxRequestBodyBytes)}"] is null)
        {
            builder.Services.PostConfigure<RequestLimitsOptions>(limits => limits.MaxRequestBodyBytes = 256 * 1024);
        }
        return builder;
    }
}
