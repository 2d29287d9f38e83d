using GaiaX.Oid4vc.Compliance.Events;
using GaiaX.Oid4vc.Compliance.StandardCompliance;
using GaiaX.Oid4vc.Dapr.StatusLists;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Compliance;

public static class ComplianceApi
{
    /// <summary>Maps the Compliance service's protocol and management endpoints.</summary>
    public static WebApplication MapComplianceApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapDidDocument();
        app.MapStandardCompliance();
        app.MapAssessments();
        app.MapStatusLists();
        app.MapComplianceEvents();
        return app;
    }
}
