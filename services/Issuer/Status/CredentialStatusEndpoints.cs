using System.Text.Json;
using GaiaX.Oid4vc.Issuer.Management;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Issuer.Status;

/// <summary>
/// The management API for issued credentials (scope <c>issuer.credentials.status</c>): find them by offer or subject,
/// and revoke, suspend or unsuspend one with a reason.
/// </summary>
public static class CredentialStatusEndpoints
{
    public static void MapCredentialStatusEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(IssuerEndpoints.Paths.IssuedCredentials).RequireAuthorization(ManagementScopes.CredentialsStatus);
        group
            .MapGet("/", ListAsync)
            .WithSummary("Issued credentials of an offer (offer_id) or a subject (subject_id)")
            .Produces<IssuedCredentialList>(StatusCodes.Status200OK)
            .ProducesValidationProblem();
        group
            .MapGet("/{id}", GetAsync)
            .WithSummary("One issued credential and its status")
            .Produces<IssuedCredentialRecord>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);
        foreach (
            var (action, status) in new[]
            {
                ("revoke", CredentialStatusNames.Revoked),
                ("suspend", CredentialStatusNames.Suspended),
                ("unsuspend", CredentialStatusNames.Valid),
            }
        )
        {
            group
                .MapPost(
                    "/{id}/" + action,
                    (string id, HttpRequest http, IssuedCredentialRegistry registry, CancellationToken cancellationToken) =>
                        ChangeAsync(id, status, http, registry, cancellationToken)
                )
                .WithSummary(
                    action switch
                    {
                        "revoke" => "Revoke an issued credential (final)",
                        "suspend" => "Suspend an issued credential",
                        _ => "Lift the suspension of an issued credential",
                    }
                )
                .AcceptsJsonBody(typeof(StatusChangeRequest))
                .Produces<IssuedCredentialRecord>(StatusCodes.Status200OK)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
        }
    }

    private static async Task<IResult> ListAsync(HttpRequest http, IssuedCredentialRegistry registry, CancellationToken cancellationToken)
    {
        var offerId = http.Query["offer_id"].ToString();
        var subjectId = http.Query["subject_id"].ToString();
        if (string.IsNullOrEmpty(offerId) == string.IsNullOrEmpty(subjectId))
        {
            return ProtocolResults.ValidationProblem(
                "Invalid query",
                [new ValidationError("/offer_id", "Give exactly one of offer_id and subject_id.")]
            );
        }
        var found = string.IsNullOrEmpty(offerId)
            ? await registry.FindBySubjectAsync(subjectId, cancellationToken).ConfigureAwait(false)
            : await registry.FindByOfferAsync(offerId, cancellationToken).ConfigureAwait(false);
        return Results.Ok(new IssuedCredentialList(found));
    }

    private static async Task<IResult> GetAsync(string id, IssuedCredentialRegistry registry, CancellationToken cancellationToken)
    {
        var record = IssuedCredentialRegistry.IsWellFormedId(id)
            ? await registry.FindAsync(id, cancellationToken).ConfigureAwait(false)
            : null;
        return record is null ? UnknownCredential(id) : Results.Ok(record);
    }

    private static async Task<IResult> ChangeAsync(
        string id,
        string status,
        HttpRequest http,
        IssuedCredentialRegistry registry,
        CancellationToken cancellationToken
    )
    {
        if (!IssuedCredentialRegistry.IsWellFormedId(id))
        {
            return UnknownCredential(id);
        }
        string? reason = null;
        if (http.ContentLength is > 0 || http.Headers.TransferEncoding.Count > 0)
        {
            if (!JsonRequestBody.IsJson(http.ContentType))
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "Unsupported media type",
                    detail: "The body must be application/json."
                );
            }
            var (document, problem) = await JsonRequestBody.ParseAsync(http.Body, cancellationToken).ConfigureAwait(false);
            if (document is null)
            {
                return Invalid(problem!);
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return Invalid("the body must be a JSON object");
                }
                if (document.RootElement.TryGetProperty("reason", out var value))
                {
                    if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length > 500)
                    {
                        return Invalid("reason must be a string of at most 500 characters");
                    }
                    reason = value.GetString();
                }
            }
        }
        var outcome = await registry.ChangeAsync(id, status, reason, cancellationToken).ConfigureAwait(false);
        if (outcome.NotFound)
        {
            return UnknownCredential(id);
        }
        if (outcome.Refusal is not null)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Status not changed", detail: outcome.Refusal);
        }
        return Results.Ok(outcome.Credential);
    }

    private static IResult UnknownCredential(string id) =>
        Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Unknown credential",
            detail: $"No issued credential with id '{id}'."
        );

    private static IResult Invalid(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid status change", detail: detail);
}
