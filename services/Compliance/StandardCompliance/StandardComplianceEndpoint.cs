using System.Text;
using GaiaX.Oid4vc.Compliance.Filters;
using GaiaX.Oid4vc.Compliance.Labels;
using GaiaX.Oid4vc.Compliance.Registry;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.Net.Http.Headers;

namespace GaiaX.Oid4vc.Compliance.StandardCompliance;

/// <summary>
/// The Gaia-X Lab compatible endpoint: <c>POST /api/credential-offers/standard-compliance?vcid=</c>
/// with a VP-JWT (<c>application/vp+jwt</c>) → 201 with the label credential (<c>application/vc+jwt</c>),
/// 400 listing every failure, 415 for another media type, 503 when the registry cannot be asked.
/// </summary>
public static class StandardComplianceEndpoint
{
    public const string Route = "/api/credential-offers/standard-compliance";
    public const string PresentationMediaType = "application/vp+jwt";
    public const string CredentialMediaType = "application/vc+jwt";

    /// <summary>Problem type of a non-compliant presentation (the 400's <c>type</c>).</summary>
    public const string NonCompliantProblemType = "https://w3id.org/gaia-x/compliance/problems/non-compliant";

    public static IEndpointRouteBuilder MapStandardCompliance(this IEndpointRouteBuilder routes)
    {
        // No Accepts() metadata: routing would answer 415 itself, without saying what to send.
        routes
            .MapPost(Route, HandleAsync)
            .WithName("StandardCompliance")
            .WithSummary("Assess a VP-JWT and sign a Gaia-X label credential when it complies")
            .Produces<string>(StatusCodes.Status201Created, CredentialMediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<IResult> HandleAsync(
        HttpRequest request,
        ComplianceFilterChain chain,
        LabelCredentialIssuer labels,
        CancellationToken cancellationToken
    )
    {
        var (vcid, vcidProblem) = ReadVcid(request);
        if (vcidProblem is not null)
        {
            return vcidProblem;
        }
        var (body, problem) = await ReadPresentationAsync(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        ComplianceAssessment assessment;
        try
        {
            assessment = await chain.AssessAsync(ComplianceScope.Presentation, body, cancellationToken).ConfigureAwait(false);
        }
        catch (GaiaXRegistryUnavailableException e)
        {
            return RegistryUnavailable(e);
        }

        if (!assessment.IsCompliant)
        {
            return NonCompliant(assessment);
        }
        var label = await labels.IssueAsync(assessment, vcid, cancellationToken).ConfigureAwait(false);
        return Results.Text(label, CredentialMediaType, Encoding.UTF8, StatusCodes.Status201Created);
    }

    private static (Uri? Vcid, IResult? Problem) ReadVcid(HttpRequest request)
    {
        if (!request.Query.TryGetValue("vcid", out var vcidValues) || string.IsNullOrEmpty(vcidValues.ToString()))
        {
            return (null, null);
        }
        return vcidValues.Count == 1 && Uri.TryCreate(vcidValues.ToString(), UriKind.Absolute, out var vcid)
            ? (vcid, null)
            : (
                null,
                ProtocolResults.Problem(
                    StatusCodes.Status400BadRequest,
                    "Invalid vcid",
                    "The vcid query parameter must be one absolute URI; it becomes the label credential's id."
                )
            );
    }

    /// <summary>The VP-JWT of the body, or the problem (415 for another media type, 400 for a body that is not UTF-8).</summary>
    internal static async Task<(string? Body, IResult? Problem)> ReadPresentationAsync(
        HttpRequest request,
        CancellationToken cancellationToken
    )
    {
        if (!IsPresentationMediaType(request.ContentType))
        {
            return (
                null,
                ProtocolResults.Problem(
                    StatusCodes.Status415UnsupportedMediaType,
                    "Unsupported media type",
                    $"Send the presentation as '{PresentationMediaType}' (a VP-JWT); got '{request.ContentType ?? "no Content-Type"}'."
                )
            );
        }
        using var reader = new StreamReader(request.Body, new UTF8Encoding(false, true));
        try
        {
            return (await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, ProtocolResults.Problem(StatusCodes.Status400BadRequest, "Invalid body", "The body is not UTF-8 text."));
        }
    }

    /// <summary>503 with <c>Retry-After</c>: without the registry there is no verdict.</summary>
    internal static IResult RegistryUnavailable(GaiaXRegistryUnavailableException e) =>
        ProtocolResults.Problem(
            StatusCodes.Status503ServiceUnavailable,
            "Gaia-X registry unavailable",
            e.Message,
            retryAfter: TimeSpan.FromSeconds(30)
        );

    internal static IResult NonCompliant(ComplianceAssessment assessment) =>
        ProtocolResults.Problem(
            StatusCodes.Status400BadRequest,
            "The presentation is not compliant",
            type: NonCompliantProblemType,
            detail: assessment.Failures.Count == 1
                ? "1 criterion is not met: " + assessment.Failures[0].Message
                : $"{assessment.Failures.Count} criteria are not met; see 'failures'.",
            extensions: new Dictionary<string, object?> { ["failures"] = AssessmentFailure.Of(assessment.Failures) }
        );

    private static bool IsPresentationMediaType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals(PresentationMediaType, StringComparison.OrdinalIgnoreCase);
}
