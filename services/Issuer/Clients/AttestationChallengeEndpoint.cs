using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Issuer.Clients;

/// <summary>
/// <c>POST /challenge</c> (OAuth 2.0 Attestation-Based Client Authentication, challenge endpoint): a fresh challenge for
/// the wallet to put in its next proof of possession, never cached. Served when a wallet provider is trusted.
/// </summary>
public static class AttestationChallengeEndpoint
{
    public static void MapAttestationChallengeEndpoint(this IEndpointRouteBuilder routes) =>
        routes
            .MapPost(IssuerEndpoints.Paths.AttestationChallenge, HandleAsync)
            .DisableAntiforgery()
            .WithSummary("Client attestation challenge endpoint")
            .Produces<AttestationChallengeResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(
        ClientRegistry registry,
        AttestationChallenges challenges,
        CancellationToken cancellationToken
    )
    {
        if (!registry.HasAttesters)
        {
            return ProtocolResults.Problem(StatusCodes.Status404NotFound, "Not found", "This server trusts no wallet provider.");
        }
        return ProtocolResults.Json(new AttestationChallengeResponse(await challenges.IssueAsync(cancellationToken).ConfigureAwait(false)));
    }
}
