using GaiaX.Oid4vc.Credentials.Hosting;
using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Notary;

public static class NotaryServiceCollectionExtensions
{
    /// <summary>Registers the Notary service's options and application services.</summary>
    public static WebApplicationBuilder AddNotaryServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<NotaryOptions>(NotaryOptions.SectionName);
        builder.AddGaiaXDapr();
        builder.AddServiceIdentity(NotaryOptions.SectionName);
        if (builder.Configuration[$"{RequestLimitsOptions.SectionName}:{nameof(RequestLimitsOptions.MaxRequestBodyBytes)}"] is null)
        {
            builder.Services.PostConfigure<RequestLimitsOptions>(limits => limits.MaxRequestBodyBytes = 64 * 1024);
        }
        return builder;
    }
}
