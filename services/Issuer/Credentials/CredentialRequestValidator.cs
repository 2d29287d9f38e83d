using System.Net;
using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Protocol;
using GaiaX.Oid4vc.Issuer.Metadata;
using GaiaX.Oid4vc.Issuer.Protocol;
using GaiaX.Oid4vc.Issuer.Token;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>
/// The credential request rules of OpenID4VCI 1.0 section 8.2: exactly one of
/// <c>credential_identifier</c> and <c>credential_configuration_id</c>, as the token response
/// decided; a configuration the access token covers; and, for a holder-bound
/// credential, <c>proofs</c> whose keys <see cref="KeyProofValidator"/> proves (consuming the
/// <c>c_nonce</c>). Reads the parsed body in place.
/// </summary>
public sealed class CredentialRequestValidator(
    CredentialConfigurationCatalog catalog,
    KeyProofValidator proofs,
    IOptions<IssuerOptions> options
)
{
    public async Task<Outcome<ValidatedCredentialRequest>> ValidateAsync(
        ValidatedAccessToken token,
        JsonElement request,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(token);
        var record = token.Record;
        var identifier = JsonMembers.NonEmptyString(request, "credential_identifier", out var identifierMalformed);
        var configurationId = JsonMembers.NonEmptyString(request, "credential_configuration_id", out var configurationMalformed);
        if (identifierMalformed || configurationMalformed)
        {
            return Invalid("credential_identifier and credential_configuration_id are strings");
        }
        if ((identifier is null) == (configurationId is null))
        {
            // format is a draft parameter: 1.0 ignores it like any unrecognised one (section 8.2), so a
            // draft-style request is missing its identifier, and says so.
            return Invalid(
                identifier is null && request.TryGetProperty("format", out _)
                    ? "format is not a credential request parameter in OpenID4VCI 1.0: "
                        + "send credential_configuration_id or credential_identifier"
                    : "send exactly one of credential_identifier and credential_configuration_id"
            );
        }
        if (record.CredentialIdentifiers is { } identifiers)
        {
            if (identifier is null)
            {
                return Invalid("the token response returned credential_identifiers: request by credential_identifier");
            }
            if (!identifiers.TryGetValue(identifier, out configurationId))
            {
                return Fail(
                    ErrorCodes.UnknownCredentialIdentifier,
                    "the credential_identifier is not one this access token was issued for"
                );
            }
        }
        else if (identifier is not null)
        {
            return Fail(
                ErrorCodes.UnknownCredentialIdentifier,
                "this access token carries no credential_identifiers: request by credential_configuration_id"
            );
        }
        var configuration = catalog.Find(configurationId);
        if (configuration is null)
        {
            return Fail(ErrorCodes.UnknownCredentialConfiguration, $"credential configuration '{configurationId}' is not supported");
        }
        if (!record.CredentialConfigurationIds.Contains(configurationId!, StringComparer.Ordinal))
        {
            return Outcome<ValidatedCredentialRequest>.Fail(
                new ProtocolError(
                    ErrorCodes.InsufficientScope,
                    $"the access token does not cover credential configuration '{configurationId}'",
                    (int)HttpStatusCode.Forbidden
                )
                {
                    AuthenticateScheme = record.TokenType,
                }
            );
        }

        if (!CredentialConfigurationCatalog.RequiresProof(configuration))
        {
            // Prepared by another service: delivered as prepared, without holder binding.
            return record.OfferId is null
                ? Fail(ErrorCodes.CredentialRequestDenied, "this credential is prepared per offer; start from a credential offer")
                : Outcome<ValidatedCredentialRequest>.Success(new ValidatedCredentialRequest(token, configurationId!, configuration, null));
        }
        var proofList = ReadProofs(request, configuration.KeyAttestations.Active);
        if (proofList.Failed)
        {
            return proofList.Error;
        }
        var keys = proofList.Value.Attestation
            ? await proofs
                .ValidateAttestationAsync(proofList.Value.Proofs[0], configuration.KeyAttestations, cancellationToken)
                .ConfigureAwait(false)
            : await proofs
                .ValidateAsync(proofList.Value.Proofs, record.ClientId, configuration.KeyAttestations, cancellationToken)
                .ConfigureAwait(false);
        if (keys.Failed)
        {
            return keys.Error;
        }
        return Outcome<ValidatedCredentialRequest>.Success(
            new ValidatedCredentialRequest(token, configurationId!, configuration, keys.Value)
        );
    }

    private Outcome<RequestProofs> ReadProofs(JsonElement request, bool attestationOffered)
    {
        if (!request.TryGetProperty("proofs", out var proofsElement))
        {
            return request.TryGetProperty("proof", out _)
                ? InvalidProof("the singular proof parameter is not accepted: send proofs {\"jwt\": [...]} (OpenID4VCI 1.0)")
                : InvalidProof("proofs is required: this credential is bound to a key the wallet proves possession of");
        }
        if (proofsElement.ValueKind != JsonValueKind.Object || proofsElement.EnumerateObject().Count() != 1)
        {
            return InvalidProof("proofs must hold exactly one proof type");
        }
        if (attestationOffered && proofsElement.TryGetProperty("attestation", out var attestation))
        {
            // Appendix F.3: exactly one key attestation.
            return
                attestation.ValueKind == JsonValueKind.Array
                && attestation.GetArrayLength() == 1
                && attestation[0].ValueKind == JsonValueKind.String
                ? Outcome<RequestProofs>.Success(new RequestProofs([attestation[0].GetString()!], Attestation: true))
                : InvalidProof("proofs.attestation must be an array of exactly one key attestation JWT");
        }
        if (!proofsElement.TryGetProperty("jwt", out var jwts))
        {
            return InvalidProof(
                attestationOffered ? "the proof types supported are jwt and attestation" : "the only proof type supported is jwt"
            );
        }
        if (
            jwts.ValueKind != JsonValueKind.Array
            || jwts.GetArrayLength() == 0
            || jwts.EnumerateArray().Any(j => j.ValueKind != JsonValueKind.String)
        )
        {
            return InvalidProof("proofs.jwt must be a non-empty array of JWTs");
        }
        if (jwts.GetArrayLength() > options.Value.BatchSize)
        {
            return InvalidProof($"at most {options.Value.BatchSize} proofs (batch_size) are accepted in one request");
        }
        return Outcome<RequestProofs>.Success(
            new RequestProofs(jwts.EnumerateArray().Select(j => j.GetString()!).ToArray(), Attestation: false)
        );
    }

    private static Outcome<RequestProofs> InvalidProof(string description) =>
        Outcome<RequestProofs>.Fail(ErrorCodes.InvalidProof, description);

    private sealed record RequestProofs(IReadOnlyList<string> Proofs, bool Attestation);

    private static Outcome<ValidatedCredentialRequest> Invalid(string description) =>
        Fail(ErrorCodes.InvalidCredentialRequest, description);

    private static Outcome<ValidatedCredentialRequest> Fail(string error, string description) =>
        Outcome<ValidatedCredentialRequest>.Fail(error, description);
}
