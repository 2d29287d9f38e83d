using GaiaX.Oid4vc.Credentials.RegistrationNumbers;
using GaiaX.Oid4vc.Credentials.Vcdm;
using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Notary.Credentials;
using GaiaX.Oid4vc.Notary.Registries;
using GaiaX.Oid4vc.Notary.Verification;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Notary.Api;

/// <summary>
/// The Gaia-X compatible notary API: <c>GET /registration-numbers/{type}/{value}?vcId=&amp;subjectId=</c>
/// answers a signed <c>application/vc+jwt</c>, or problem details: 400 (what is wrong with the
/// input), 404 (unknown to the registry), 503 with <c>Retry-After</c> (registry unavailable, busy or
/// rate-limiting), 502 (registry answered nonsense). An outage is never reported as "invalid".
/// </summary>
public static class RegistrationNumberEndpoints
{
    public const string VcJwtMediaType = "application/vc+jwt";
    public const int MaxIdentifierLength = 2048;

    public static IEndpointRouteBuilder MapRegistrationNumberEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/registration-numbers").WithTags("Registration numbers");
        // Catch-all: tax IDs and local numbers may contain '/', sent raw or as %2F.
        group
            .MapGet("/{type}/{**value}", IssueAsync)
            .WithName("GetRegistrationNumberCredential")
            .Produces<string>(StatusCodes.Status200OK, VcJwtMediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group
            .MapPost("/{type}/{**value}", RecheckAsync)
            .WithName("RecheckRegistrationNumber")
            .WithSummary("Ask the registry again (POST …/{value}/recheck); a number no longer registered revokes its credentials")
            .Produces<RecheckResult>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group
            .MapGet("/{type}", Describe)
            .WithName("DescribeRegistrationNumberCheck")
            .Produces<RegistrationNumberCheckDescription>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> IssueAsync(
        string type,
        string value,
        HttpRequest request,
        RegistrationNumberCredentialService credentials,
        CancellationToken cancellationToken
    )
    {
        if (!RegistrationNumberTypes.TryParseSlug(type, out var numberType))
        {
            return UnknownType(type);
        }
        // Read by hand: binding a repeated parameter to a string joins its values with commas,
        // which would turn two subjects into one made-up identifier.
        if (SingleQueryValue(request, "subjectId", out var subjectId) is { } repeatedSubject)
        {
            return repeatedSubject;
        }
        if (SingleQueryValue(request, "vcId", out var vcId) is { } repeatedVcId)
        {
            return repeatedVcId;
        }
        if (CheckIdentifier("subjectId", subjectId, required: true) is { } subjectProblem)
        {
            return subjectProblem;
        }
        if (CheckIdentifier("vcId", vcId, required: false) is { } vcProblem)
        {
            return vcProblem;
        }

        // The server decodes every escape in the path except %2F, which stays encoded in route values.
        value = value.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var issued = await credentials.IssueAsync(numberType, value, vcId, subjectId!, cancellationToken).ConfigureAwait(false);
        return issued.Credential is { } jwt
            ? Results.Text(jwt, VcJwtMediaType, statusCode: StatusCodes.Status200OK)
            : ToProblem(numberType, issued.Outcome.Result);
    }

    /// <summary>
    /// <c>POST /registration-numbers/{type}/{value}/recheck</c>: the registry is asked again (the cache bypassed). Only
    /// its definite "not registered" revokes the credentials the Notary signed for the number; an outage (503) or an
    /// unusable answer (502) changes nothing.
    /// </summary>
    /// <summary>How often one number may be re-checked: a re-check skips the cache and must not relay a flood to a registry.</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(60);

    private static async Task<IResult> RecheckAsync(
        string type,
        string value,
        RegistrationNumberVerifier verifier,
        NotaryIssuedCredentials issued,
        IDaprStateStore state,
        CancellationToken cancellationToken
    )
    {
        const string suffix = "/recheck";
        if (!value.EndsWith(suffix, StringComparison.Ordinal) || value.Length == suffix.Length)
        {
            return ProtocolResults.Problem(
                StatusCodes.Status404NotFound,
                "Not found",
                "POST /registration-numbers/{type}/{value}/recheck is the only POST of the notary API."
            );
        }
        if (!RegistrationNumberTypes.TryParseSlug(type, out var numberType))
        {
            return UnknownType(type);
        }
        value = value[..^suffix.Length].Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var syntax = RegistrationNumberSyntax.Check(numberType, value);
        if (syntax.Number is not { } checkedNumber)
        {
            return ToProblem(numberType, new RegistryCheckResult.InvalidInput(syntax.Error!));
        }
        // One re-check per number per interval, across replicas (a create-only write that expires).
        if (!await state.TryCreateAsync("recheck:" + checkedNumber.Key, 1, RecheckInterval, cancellationToken).ConfigureAwait(false))
        {
            return Problem(
                StatusCodes.Status429TooManyRequests,
                "Re-checked recently",
                $"This number was re-checked less than {RecheckInterval.TotalSeconds:0} s ago; try again later.",
                numberType,
                RecheckInterval
            );
        }
        var outcome = await verifier.VerifyAsync(numberType, value, cancellationToken, fresh: true).ConfigureAwait(false);
        switch (outcome.Result)
        {
            case RegistryCheckResult.Registered when outcome.Number is { } number:
                return Results.Json(new RecheckResult(number.Key, "registered", null, []));
            case RegistryCheckResult.NotRegistered notRegistered when outcome.Number is { } number:
                var revoked = await issued
                    .RevokeAllAsync(number, "The registry no longer knows the number: " + notRegistered.Reason, cancellationToken)
                    .ConfigureAwait(false);
                return Results.Json(new RecheckResult(number.Key, "not_registered", notRegistered.Reason, revoked));
            default:
                return ToProblem(numberType, outcome.Result);
        }
    }

    private static IResult Describe(
        string type,
        ConfiguredRegistryClient configured,
        IOptions<ViesOptions> vies,
        IOptions<EoriOptions> eori,
        IOptions<GleifOptions> gleif
    )
    {
        if (!RegistrationNumberTypes.TryParseSlug(type, out var numberType))
        {
            return UnknownType(type);
        }
        var (check, registry) = numberType switch
        {
            RegistrationNumberType.VatId => ("registry", vies.Value.Endpoint),
            RegistrationNumberType.Eori => ("registry", eori.Value.Endpoint),
            RegistrationNumberType.LeiCode => ("registry", gleif.Value.Endpoint),
            _ when configured.HasRegistry(numberType) => ("registry", configured.OptionsFor(numberType).Endpoint),
            _ => ("syntax-only", null),
        };
        return Results.Json(
            new RegistrationNumberCheckDescription(
                numberType.Slug(),
                numberType.CredentialType(),
                numberType.NumberProperty(),
                check,
                registry,
                check == "syntax-only"
                    ? $"The {RegistrationNumberSyntax.Describe(numberType)} is checked for syntax only; no registry is consulted."
                    : $"The {RegistrationNumberSyntax.Describe(numberType)} is checked for syntax, then confirmed by the registry."
            )
        );
    }

    /// <summary>Maps a non-confirmation to its problem details; never maps an outage to 404.</summary>
    public static IResult ToProblem(RegistrationNumberType type, RegistryCheckResult result) =>
        result switch
        {
            RegistryCheckResult.InvalidInput invalid => Problem(
                StatusCodes.Status400BadRequest,
                $"Invalid {RegistrationNumberSyntax.Describe(type)}",
                invalid.Reason,
                type
            ),
            RegistryCheckResult.NotRegistered notRegistered => Problem(
                StatusCodes.Status404NotFound,
                $"Unknown {RegistrationNumberSyntax.Describe(type)}",
                notRegistered.Reason,
                type
            ),
            RegistryCheckResult.Unavailable unavailable => Problem(
                StatusCodes.Status503ServiceUnavailable,
                "Registry unavailable",
                unavailable.Reason + " Nothing is known about the number's validity; try again later.",
                type,
                unavailable.RetryAfter
            ),
            RegistryCheckResult.BadGateway bad => Problem(
                StatusCodes.Status502BadGateway,
                "Registry answer unusable",
                bad.Reason + " Nothing is known about the number's validity.",
                type
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(result), result, "A confirmation is not a problem."),
        };

    private static IResult UnknownType(string type) =>
        ProtocolResults.Problem(
            StatusCodes.Status400BadRequest,
            "Unknown registration number type",
            $"'{Shorten(type)}' is not a registration number type; use one of {string.Join(", ", RegistrationNumberTypes.Slugs)}."
        );

    /// <summary>The one value of query parameter <paramref name="name"/>, or the problem of a repeated one.</summary>
    private static IResult? SingleQueryValue(HttpRequest request, string name, out string? value)
    {
        var values = request.Query[name];
        value = values.Count == 1 ? values[0] : null;
        return values.Count > 1
            ? ProtocolResults.Problem(
                StatusCodes.Status400BadRequest,
                $"Repeated {name}",
                $"The query parameter '{name}' must be given at most once; a credential has one subject and one id."
            )
            : null;
    }

    private static IResult? CheckIdentifier(string name, string? value, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            return required
                ? ProtocolResults.Problem(
                    StatusCodes.Status400BadRequest,
                    $"Missing {name}",
                    $"The query parameter '{name}' is required: the identifier (URI) of the credential subject."
                )
                : null;
        }
        if (
            value.Length > MaxIdentifierLength
            || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\uFFFD')
            || !VcdmRules.IsAbsoluteUri(value)
        )
        {
            return ProtocolResults.Problem(
                StatusCodes.Status400BadRequest,
                $"Invalid {name}",
                $"The query parameter '{name}' must be an absolute URI (e.g. a did:web or https identifier) of at most "
                    + $"{MaxIdentifierLength} characters without spaces."
            );
        }
        return null;
    }

    private static IResult Problem(int status, string title, string detail, RegistrationNumberType type, TimeSpan? retryAfter = null) =>
        ProtocolResults.Problem(
            status,
            title,
            detail,
            extensions: new Dictionary<string, object?> { ["registrationNumberType"] = type.Slug() },
            retryAfter: retryAfter
        );

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
