using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using GaiaX.Oid4vc.Credentials.X509;
using GaiaX.Oid4vc.Registry.Trust;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Registry.Api;

/// <summary>
/// The Registry's management API (scoped bearer tokens, RFC 9457 problems): the trust list, its anchors, trusted issuers
/// and revoked certificates. Every change bumps the list's version and is published as <c>trust-list-changed</c>;
/// adding what is there or removing what is not changes nothing and publishes nothing.
/// </summary>
public static class ManagementEndpoints
{
    private const string Prefix = "/api/management";

    public static IEndpointRouteBuilder MapManagementEndpoints(this IEndpointRouteBuilder routes)
    {
        routes
            .MapGet(Prefix + "/trust-list", GetAsync)
            .RequireAuthorization(ManagementScopes.TrustRead)
            .WithSummary("The trust list: anchors, trusted issuers by role, revoked certificates, version")
            .Produces<TrustListDocument>();
        routes
            .MapPost(Prefix + "/trust-anchors", AddAnchorAsync)
            .RequireAuthorization(ManagementScopes.TrustWrite)
            .DisableAntiforgery()
            .AcceptsJsonBody(typeof(CertificateBody))
            .WithSummary("Adds a trust anchor (a CA certificate, PEM)")
            .Produces<TrustListDocument>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        routes
            .MapDelete(Prefix + "/trust-anchors/{sha256}", RemoveAnchorAsync)
            .RequireAuthorization(ManagementScopes.TrustWrite)
            .WithSummary("Removes the trust anchor with this SHA-256")
            .Produces<TrustListDocument>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes
            .MapPost(Prefix + "/trusted-issuers/{role}", AddIssuerAsync)
            .RequireAuthorization(ManagementScopes.TrustWrite)
            .DisableAntiforgery()
            .AcceptsJsonBody(typeof(TrustedIssuerBody))
            .WithSummary("Trusts a DID for a role")
            .Produces<TrustListDocument>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        routes
            .MapDelete(Prefix + "/trusted-issuers/{role}/{did}", RemoveIssuerAsync)
            .RequireAuthorization(ManagementScopes.TrustWrite)
            .WithSummary("No longer trusts a DID for a role")
            .Produces<TrustListDocument>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);
        routes
            .MapPost(Prefix + "/revocations", RevokeAsync)
            .RequireAuthorization(ManagementScopes.TrustWrite)
            .DisableAntiforgery()
            .AcceptsJsonBody(typeof(CertificateBody))
            .WithSummary("Revokes a certificate (PEM, or its SHA-256): chains through it are no longer trusted")
            .Produces<TrustListDocument>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    private static async Task<IResult> GetAsync(TrustListStore store, CancellationToken cancellationToken) =>
        Results.Json(Document(await store.GetAsync(cancellationToken).ConfigureAwait(false)));

    private static async Task<IResult> AddAnchorAsync(HttpRequest http, TrustListStore store, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadAsync(http, cancellationToken).ConfigureAwait(false);
        if (body is not { } json)
        {
            return Invalid(problem!);
        }
        var certificate =
            json.TryGetProperty("certificate", out var pem) && pem.ValueKind == JsonValueKind.String ? Parse(pem.GetString()!) : null;
        if (certificate is null)
        {
            return Invalid("certificate must be one PEM certificate");
        }
        using (certificate)
        {
            if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
            {
                return Invalid("a trust anchor is a CA certificate (basic constraints CA:true)");
            }
            var sha256 = ChainVerifier.Thumbprint(certificate);
            var text = certificate.ExportCertificatePem();
            var (list, _) = await store
                .ChangeAsync(
                    current =>
                        current.TrustAnchors.Any(a => Sha256Of(a) == sha256)
                            ? null
                            : current with
                            {
                                TrustAnchors = [.. current.TrustAnchors, text],
                            },
                    cancellationToken
                )
                .ConfigureAwait(false);
            return Results.Json(Document(list));
        }
    }

    private static async Task<IResult> RemoveAnchorAsync(string sha256, TrustListStore store, CancellationToken cancellationToken)
    {
        var (list, changed) = await store
            .ChangeAsync(
                current =>
                    current.TrustAnchors.Any(a => string.Equals(Sha256Of(a), sha256, StringComparison.OrdinalIgnoreCase))
                        ? current with
                        {
                            TrustAnchors =
                            [
                                .. current.TrustAnchors.Where(a => !string.Equals(Sha256Of(a), sha256, StringComparison.OrdinalIgnoreCase)),
                            ],
                        }
                        : null,
                cancellationToken
            )
            .ConfigureAwait(false);
        return changed ? Results.Json(Document(list)) : NotFound($"No trust anchor has SHA-256 {sha256}.");
    }

    private static async Task<IResult> AddIssuerAsync(
        string role,
        HttpRequest http,
        TrustListStore store,
        CancellationToken cancellationToken
    )
    {
        var (body, problem) = await ReadAsync(http, cancellationToken).ConfigureAwait(false);
        if (body is not { } json)
        {
            return Invalid(problem!);
        }
        var did = json.TryGetProperty("did", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (did is null || !did.StartsWith("did:", StringComparison.Ordinal) || did.Length > 2048)
        {
            return Invalid("did must be a DID (did:method:…)");
        }
        if (!IsRole(role))
        {
            return Invalid("the role is lower-case letters, digits and dashes (e.g. registration-notary)");
        }
        var (list, _) = await store
            .ChangeAsync(
                current =>
                {
                    var issuers = current.TrustedIssuers.GetValueOrDefault(role) ?? [];
                    if (issuers.Contains(did, StringComparer.Ordinal))
                    {
                        return null;
                    }
                    var next = new Dictionary<string, IReadOnlyList<string>>(current.TrustedIssuers, StringComparer.Ordinal)
                    {
                        [role] = [.. issuers, did],
                    };
                    return current with { TrustedIssuers = next };
                },
                cancellationToken
            )
            .ConfigureAwait(false);
        return Results.Json(Document(list));
    }

    private static async Task<IResult> RemoveIssuerAsync(string role, string did, TrustListStore store, CancellationToken cancellationToken)
    {
        var (list, changed) = await store
            .ChangeAsync(
                current =>
                {
                    var issuers = current.TrustedIssuers.GetValueOrDefault(role) ?? [];
                    if (!issuers.Contains(did, StringComparer.Ordinal))
                    {
                        return null;
                    }
                    var next = new Dictionary<string, IReadOnlyList<string>>(current.TrustedIssuers, StringComparer.Ordinal)
                    {
                        [role] = [.. issuers.Where(i => i != did)],
                    };
                    return current with { TrustedIssuers = next };
                },
                cancellationToken
            )
            .ConfigureAwait(false);
        return changed ? Results.Json(Document(list)) : NotFound($"{did} is not trusted as {role}.");
    }

    private static async Task<IResult> RevokeAsync(HttpRequest http, TrustListStore store, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadAsync(http, cancellationToken).ConfigureAwait(false);
        if (body is not { } json)
        {
            return Invalid(problem!);
        }
        string? sha256 = null;
        if (json.TryGetProperty("certificate", out var pem) && pem.ValueKind == JsonValueKind.String)
        {
            using var certificate = Parse(pem.GetString()!);
            sha256 = certificate is null ? null : ChainVerifier.Thumbprint(certificate);
        }
        else if (json.TryGetProperty("sha256", out var hash) && hash.ValueKind == JsonValueKind.String && IsSha256(hash.GetString()!))
        {
            sha256 = hash.GetString()!.ToUpperInvariant();
        }
        if (sha256 is null)
        {
            return Invalid("give the certificate as PEM (certificate) or its SHA-256 in hex (sha256)");
        }
        var (list, _) = await store
            .ChangeAsync(
                current =>
                    current.RevokedCertificates.Contains(sha256, StringComparer.OrdinalIgnoreCase)
                        ? null
                        : current with
                        {
                            RevokedCertificates = [.. current.RevokedCertificates, sha256],
                        },
                cancellationToken
            )
            .ConfigureAwait(false);
        return Results.Json(Document(list));
    }

    private static TrustListDocument Document(TrustList list) =>
        new(
            list.Version,
            list.TrustAnchors.Select(Entry).OfType<TrustAnchorEntry>().ToList(),
            list.TrustedIssuers,
            list.RevokedCertificates
        );

    private static TrustAnchorEntry? Entry(string pem)
    {
        using var certificate = Parse(pem);
        return certificate is null
            ? null
            : new TrustAnchorEntry(ChainVerifier.Thumbprint(certificate), certificate.Subject, certificate.NotAfter.ToUniversalTime());
    }

    private static string? Sha256Of(string pem)
    {
        using var certificate = Parse(pem);
        return certificate is null ? null : ChainVerifier.Thumbprint(certificate);
    }

    private static X509Certificate2? Parse(string pem)
    {
        var parsed = CertificateChainValidator.ParsePem(pem);
        if (!parsed.Succeeded || parsed.Value.Count != 1)
        {
            if (parsed.Succeeded)
            {
                foreach (var extra in parsed.Value)
                {
                    extra.Dispose();
                }
            }
            return null;
        }
        return parsed.Value[0];
    }

    /// <summary>A role or extension name: lower-case letters, digits and dashes, at most 64.</summary>
    internal static bool IsRole(string role) =>
        role.Length is > 0 and <= 64 && role.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static bool IsSha256(string hex) => hex.Length == 64 && hex.All(Uri.IsHexDigit);

    /// <summary>The request's JSON object body, or why it is none.</summary>
    internal static async Task<(JsonElement? Body, string? Problem)> ReadAsync(HttpRequest http, CancellationToken cancellationToken)
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
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null)
                : (null, "the body must be a JSON object");
        }
    }

    private static IResult Invalid(string detail) =>
        ProtocolResults.Problem(StatusCodes.Status400BadRequest, "Invalid trust list change", detail);

    private static IResult NotFound(string detail) =>
        ProtocolResults.Problem(StatusCodes.Status404NotFound, "Not in the trust list", detail);
}
