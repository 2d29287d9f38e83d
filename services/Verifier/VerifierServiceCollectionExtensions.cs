using GaiaX.Oid4vc.Credentials.Hosting;
using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Verifier;

public static class VerifierServiceCollectionExtensions
{
    /// <summary>Registers the Verifier service's options and application services.</summary>
    public static WebApplicationBuilder AddVerifierServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<VerifierOptions>(VerifierOptions.SectionName);
        builder.AddGaiaXDapr();
        builder.AddServiceIdentity(VerifierOptions.SectionName);
        if (builder.Configuration[$"{RequestLimitsOptions.SectionName}:{nameof(RequestLimitsOptions.MaxRequestBodyBytes)}"] is null)
        {
            builder.Services.PostConfigure<RequestLimitsOptions>(limits => limits.MaxRequestBodyBytes = 1024 * 1024);
        }
        return builder;
    }
}
