using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Issuer.Management;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Issuer.Offers;

/// <summary>The management API for offers and the public <c>credential_offer_uri</c> endpoint.</summary>
public static class OfferEndpoints
{
    public static void MapOfferEndpoints(this IEndpointRouteBuilder routes)
    {
        routes
            .MapGet(IssuerEndpoints.Paths.CredentialOffer, GetCredentialOfferAsync)
            .WithName("CredentialOffer")
            .WithSummary("A credential offer by reference")
            .Produces<CredentialOfferDocument>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var management = routes.MapGroup(IssuerEndpoints.Paths.Offers);
        management
            .MapPost("/", CreateAsync)
            .RequireAuthorization(ManagementScopes.OffersWrite)
            .WithSummary("Create a credential offer")
            .AcceptsJsonBody(typeof(CreateOfferRequest))
            .Produces<CreateOfferResponse>(StatusCodes.Status201Created);
        management
            .MapGet("/{id}", GetStatusAsync)
            .RequireAuthorization(ManagementScopes.OffersRead)
            .WithSummary("The status of an offer")
            .Produces<OfferStatusResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);
        management
            .MapGet("/{id}/qr.png", GetQrPngAsync)
            .RequireAuthorization(ManagementScopes.OffersRead)
            .Produces<byte[]>(StatusCodes.Status200OK, "image/png")
            .ProducesProblem(StatusCodes.Status404NotFound);
        management
            .MapGet("/{id}/qr.svg", GetQrSvgAsync)
            .RequireAuthorization(ManagementScopes.OffersRead)
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The offer object by reference (section 4.1.3), JSON, while the offer lives.</summary>
    private static async Task<IResult> GetCredentialOfferAsync(
        string id,
        IOfferStore offers,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var offer = await offers.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (
            offer?.CredentialOfferJson is null
            || offer.EffectiveStatus(time.GetUtcNow()) == OfferStatus.Expired
            || time.GetUtcNow() >= offer.ExpiresAt
        )
        {
            return ProtocolResults.Problem(StatusCodes.Status404NotFound, "Unknown or expired credential offer");
        }
        return ProtocolResults.Json(JsonNode.Parse(offer.CredentialOfferJson));
    }

    /// <summary>
    /// The request body is read as the protocol endpoints read theirs (<see cref="JsonRequestBody"/>):
    /// text that is not Unicode, repeated members, excess depth, numbers or types that do not fit
    /// are 400 problem details, never a failure later on.
    /// </summary>
    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web) { AllowDuplicateProperties = false };

    private static async Task<IResult> CreateAsync(
        HttpRequest http,
        CreateOfferRequestValidator validator,
        CredentialOfferGenerator generator,
        IssuerEndpoints endpoints,
        CancellationToken cancellationToken
    )
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
            return InvalidBody(problem!);
        }
        CreateOfferRequest? request;
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return InvalidBody("the body must be a JSON object");
            }
            try
            {
                request = document.RootElement.Deserialize<CreateOfferRequest>(RequestJson);
            }
            catch (JsonException ex)
            {
                return InvalidBody("a member has the wrong JSON type or a number out of range" + (ex.Path is { } path ? $" ({path})" : ""));
            }
        }
        if (request is null)
        {
            return InvalidBody("the body must be a JSON object");
        }
        var problems = validator.Validate(request);
        if (problems.Count > 0)
        {
            return ProtocolResults.ValidationProblem("Invalid offer request", problems);
        }
        var created = await generator.CreateAsync(request, cancellationToken).ConfigureAwait(false);
        var offerUrl = endpoints.OfferUri(created.Offer.Id);
        var response = new CreateOfferResponse(
            created.Offer.Id,
            created.CredentialOffer,
            offerUrl,
            ByReference(offerUrl),
            "openid-credential-offer://?credential_offer=" + Uri.EscapeDataString(created.CredentialOffer.ToJsonString()),
            created.TransactionCode,
            created.Offer.ExpiresAt,
            endpoints.Url($"{IssuerEndpoints.Paths.Offers}/{Uri.EscapeDataString(created.Offer.Id)}/qr.png"),
            endpoints.Url($"{IssuerEndpoints.Paths.Offers}/{Uri.EscapeDataString(created.Offer.Id)}/qr.svg")
        );
        return Results.Created($"{IssuerEndpoints.Paths.Offers}/{Uri.EscapeDataString(created.Offer.Id)}", response);
    }

    private static async Task<IResult> GetStatusAsync(
        string id,
        IOfferStore offers,
        Deferred.PreparationDeadline deadlines,
        CancellationToken cancellationToken
    )
    {
        var offer = await offers.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (offer is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown offer", detail: $"No offer with id '{id}'.");
        }
        var (status, reason) = await deadlines.ReportedStatusAsync(offer, cancellationToken).ConfigureAwait(false);
        return Results.Ok(
            new OfferStatusResponse(offer.Id, status, reason, offer.CredentialConfigurationIds, offer.CreatedAt, offer.ExpiresAt)
        );
    }

    private static async Task<IResult> GetQrPngAsync(
        string id,
        IOfferStore offers,
        IssuerEndpoints endpoints,
        CancellationToken cancellationToken
    )
    {
        var offer = await offers.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (offer is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown offer");
        }
        return QrCodes.Png(ByReference(endpoints.OfferUri(id)));
    }

    private static async Task<IResult> GetQrSvgAsync(
        string id,
        IOfferStore offers,
        IssuerEndpoints endpoints,
        CancellationToken cancellationToken
    )
    {
        var offer = await offers.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (offer is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown offer");
        }
        return QrCodes.Svg(ByReference(endpoints.OfferUri(id)));
    }

    private static IResult InvalidBody(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid offer request", detail: detail);

    /// <summary>The wallet invocation URL carrying the offer by reference.</summary>
    public static string ByReference(string offerUrl) =>
        "openid-credential-offer://?credential_offer_uri=" + Uri.EscapeDataString(offerUrl);
}
