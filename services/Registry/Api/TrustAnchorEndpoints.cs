using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GaiaX.Oid4vc.Registry.Trust;
using GaiaX.Oid4vc.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Registry.Api;

/// <summary>
/// The Gaia-X Registry API that existing clients call (the Lab registry's paths and answers): chains judged against the
/// trust anchors (<c>{"result": true}</c>, or 409 with the reason), trusted issuers per role, the terms and conditions.
/// </summary>
public static class TrustAnchorEndpoints
{
    public static IEndpointRouteBuilder MapTrustAnchorEndpoints(this IEndpointRouteBuilder routes)
    {
        routes
            .MapPost("/api/trustAnchor/chain", ChainAsync)
            .DisableAntiforgery()
            .WithSummary("Whether a PEM certificate chain ends at a trust anchor (Gaia-X Registry API)")
            .AcceptsJsonBody(typeof(ChainRequest))
            .Produces<ChainResult>(StatusCodes.Status200OK)
            .Produces<RegistryError>(StatusCodes.Status409Conflict)
            .Produces<RegistryError>(StatusCodes.Status400BadRequest);
        routes
            .MapPost("/api/trustAnchor/chain/file", ChainFileAsync)
            .DisableAntiforgery()
            .WithSummary("Whether the PEM certificate chain published at a URL ends at a trust anchor (Gaia-X Registry API)")
            .AcceptsJsonBody(typeof(ChainFileRequest))
            .Produces<ChainResult>(StatusCodes.Status200OK)
            .Produces<RegistryError>(StatusCodes.Status409Conflict)
            .Produces<RegistryError>(StatusCodes.Status400BadRequest);
        routes
            .MapGet("/api/trusted-issuers/{role}", TrustedIssuersAsync)
            .WithSummary("The DIDs trusted for a role, e.g. registration-notary or compliance (Gaia-X Registry API)")
            .Produces<TrustedIssuersDocument>(StatusCodes.Status200OK);
        routes
            .MapGet("/api/termsAndConditions", TermsAndConditions)
            .WithSummary("The Gaia-X terms and conditions (Gaia-X Registry API)")
            .Produces<TermsAndConditionsDocument>(StatusCodes.Status200OK);
        return routes;
    }

    private static async Task<IResult> ChainAsync(
        HttpRequest http,
        TrustListStore store,
        ChainVerifier verifier,
        CancellationToken cancellationToken
    )
    {
        var (certs, problem) = await ReadStringMemberAsync(http, "certs", cancellationToken).ConfigureAwait(false);
        if (certs is null)
        {
            return Error(StatusCodes.Status400BadRequest, problem!);
        }
        return Judge(verifier.Verify(certs, await store.GetAsync(cancellationToken).ConfigureAwait(false)));
    }

    private static async Task<IResult> ChainFileAsync(
        HttpRequest http,
        TrustListStore store,
        ChainVerifier verifier,
        ChainFetcher fetcher,
        CancellationToken cancellationToken
    )
    {
        var (uri, problem) = await ReadStringMemberAsync(http, "uri", cancellationToken).ConfigureAwait(false);
        if (uri is null)
        {
            return Error(StatusCodes.Status400BadRequest, problem!);
        }
        var list = await store.GetAsync(cancellationToken).ConfigureAwait(false);
        var (pem, fetchProblem) = await fetcher.FetchAsync(uri, cancellationToken).ConfigureAwait(false);
        return pem is null
            ? Error(StatusCodes.Status409Conflict, "The certificate chain cannot be read: " + fetchProblem)
            : Judge(verifier.Verify(pem, list));
    }

    private static async Task<IResult> TrustedIssuersAsync(string role, TrustListStore store, CancellationToken cancellationToken)
    {
        var list = await store.GetAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(new TrustedIssuersDocument(role, list.TrustedIssuers.GetValueOrDefault(role) ?? []));
    }

    /// <summary>
    /// The terms and conditions as the Lab registry answers them (<c>version</c>, <c>text</c>, and here the <c>hash</c>),
    /// with every accepted hash in <c>hashes</c>: a release may accept several texts.
    /// </summary>
    private static IResult TermsAndConditions(IOptions<RegistryOptions> options)
    {
        var terms = options.Value.TermsAndConditions;
        var hashes = new List<string>();
        if (terms.Text.Length > 0)
        {
            hashes.Add(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(terms.Text))));
        }
        var further =
            terms.Text.Length == 0 && terms.Hashes.Count == 0 ? Rdf.GaiaX.GaiaXTermsAndConditions.Release2511Hashes : terms.Hashes;
        hashes.AddRange(further.Select(h => h.ToLowerInvariant()).Where(h => !hashes.Contains(h)));
        return Results.Json(
            new TermsAndConditionsDocument(terms.Version, terms.Text.Length > 0 ? terms.Text : null, hashes[0], hashes),
            RegistryJson.Options
        );
    }

    private static IResult Judge(ChainVerdict verdict) =>
        verdict.Trusted ? Results.Json(new ChainResult(true)) : Error(StatusCodes.Status409Conflict, verdict.Reason!);

    private static IResult Error(int status, string message) =>
        Results.Json(
            new RegistryError(status, message, status == StatusCodes.Status409Conflict ? "Conflict" : "Bad Request"),
            statusCode: status
        );

    /// <summary>A string member of the JSON object body, or why the body is not one that has it.</summary>
    private static async Task<(string? Value, string? Problem)> ReadStringMemberAsync(
        HttpRequest http,
        string name,
        CancellationToken cancellationToken
    )
    {
        if (!JsonRequestBody.IsJson(http.ContentType))
        {
            return (null, "the body must be application/json");
        }
        var (document, problem) = await JsonRequestBody.ParseAsync(http.Body, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return (null, problem);
        }
        using (document)
        {
            return
                document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.String
                && value.GetString() is { Length: > 0 } text
                ? (text, null)
                : (null, $"the body must be a JSON object with a non-empty string '{name}'");
        }
    }
}
