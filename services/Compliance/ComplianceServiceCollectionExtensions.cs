using GaiaX.Oid4vc.Credentials.Hosting;
using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Compliance;

public static class ComplianceServiceCollectionExtensions
{
    /// <summary>Registers the Compliance service's options and application services.</summary>
    public static WebApplicationBuilder AddComplianceServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<ComplianceOptions>(ComplianceOptions.SectionName);
        builder.AddGaiaXDapr();
        builder.AddServiceIdentity(ComplianceOptions.SectionName);
        if (builder.Configuration[$"{RequestLimitsOptions.SectionName}:{nameof(RequestLimitsOptions.MaxRequestBodyBytes)}"] is null)
        {
            builder.Services.PostConfigure<RequestLimitsOptions>(limits => limits.MaxRequestBodyBytes = 2 * 1024 * 1024);
        }
        return builder;
    }
}
