using GaiaX.Oid4vc.Compliance.Filters;
using GaiaX.Oid4vc.Compliance.Registry;

namespace GaiaX.Oid4vc.Compliance.StandardCompliance;

/// <summary>
/// <c>POST /api/assessments</c> with a VP-JWT: the assessment as JSON, without signing a label — the verdict, every
/// failure, and the label level with the criteria each higher level still misses (what a provider works from).
/// </summary>
public static class AssessmentEndpoint
{
    public const string Route = "/api/assessments";

    public static IEndpointRouteBuilder MapAssessments(this IEndpointRouteBuilder routes)
    {
        routes
            .MapPost(Route, HandleAsync)
            .WithName("Assessment")
            .WithSummary("Assess a VP-JWT: verdict, failures, label level and the criteria missing per level (no label is signed)")
            .Produces<AssessmentReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, ComplianceFilterChain chain, CancellationToken cancellationToken)
    {
        var (body, problem) = await StandardComplianceEndpoint.ReadPresentationAsync(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }
        try
        {
            var assessment = await chain.AssessAsync(ComplianceScope.Presentation, body, cancellationToken).ConfigureAwait(false);
            return Results.Json(AssessmentReport.Of(assessment));
        }
        catch (GaiaXRegistryUnavailableException e)
        {
            return StandardComplianceEndpoint.RegistryUnavailable(e);
        }
    }
}
