using System.Text.Json;
using GaiaX.Oid4vc.Credentials.VcJwt;
using GaiaX.Oid4vc.Wallet;
using GaiaX.Oid4vc.Wallet.Participant;
using GaiaX.Oid4vc.Wallet.Presentation;

namespace GaiaX.Oid4vc.DevHost.Onboarding;

/// <summary>
/// Gaia-X participant onboarding over the whole stack, driven like the real parties would: the
/// back office asks the Issuer for a registration-number offer; the reference wallet takes it over
/// OpenID4VCI (deferred until the Notary and Compliance are done); the participant self-issues its
/// LegalPerson and terms-and-conditions credentials; the wallet presents all three to the Verifier
/// over OpenID4VP; Compliance assesses them and the Issuer offers the label credential, which the
/// wallet takes over OpenID4VCI. Used by <c>DevHost --demo</c> and by the end-to-end tests.
/// </summary>
public sealed class OnboardingScenario(BackOffice backOffice, ParticipantIdentity participant, ReferenceWallet wallet, TimeProvider time)
{
    /// <summary>How long to wait for the Verifier's status to show the compliance outcome.</summary>
    public TimeSpan ComplianceTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public async Task<OnboardingResult> RunAsync(
        OnboardingInput input,
        Action<string> progress,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(progress);
        var result = new OnboardingResult();
        var registrationNumberId = participant.Did + "#vat-id";

        // 1. Registration number over OpenID4VCI, deferred until the Notary and Compliance are done.
        string registration;
        if (input.ReplaceRegistrationNumberWith is null)
        {
            progress($"1. Issuer: registration-number offer for VAT ID {input.VatId} (subject {registrationNumberId})");
            var offer = await backOffice
                .CreateRegistrationNumberOfferAsync(input, registrationNumberId, cancellationToken)
                .ConfigureAwait(false);
            progress($"   offer {offer.Uri}{Environment.NewLine}   tx_code sent out of band: {offer.TxCode}");
            var received = await wallet
                .ReceiveAsync(offer.Uri, offer.TxCode, line => progress("   wallet: " + line), cancellationToken)
                .ConfigureAwait(false);
            registration = received.Single().Raw;
            progress($"   wallet holds {Describe(registration)}");
        }
        else
        {
            progress("1. (test) the wallet holds a registration number from elsewhere");
            foreach (var credential in input.ReplaceRegistrationNumberWith)
            {
                wallet.Store(credential);
            }
            registration = input.ReplaceRegistrationNumberWith[0];
        }
        result = result with { RegistrationNumberCredential = registration };

        // 2. Self-issued LegalPerson and terms and conditions, signed with the participant's did:web key.
        var gaiax = new GaiaXCredentials(participant, new VcJwtIssuer(time), time);
        var legalPerson = gaiax.Sign(gaiax.LegalPerson(input.LegalName, registrationNumberId, new GaiaXAddress(input.CountryCode)));
        var terms = gaiax.Sign(gaiax.TermsAndConditions(input.TermsAndConditionsHash));
        wallet.Store(legalPerson);
        wallet.Store(terms);
        result = result with { SelfIssuedCredentials = [legalPerson, terms] };
        progress($"2. Participant {participant.Did} self-issues {Describe(legalPerson)} and {Describe(terms)}");

        // 3. Presentation to the Verifier over OpenID4VP.
        var request = await backOffice.CreatePresentationRequestAsync(input.ResponseMode, cancellationToken).ConfigureAwait(false);
        result = result with { PresentationRequestId = request.Id };
        progress($"3. Verifier: presentation request {request.Id}{Environment.NewLine}   {request.Link}");
        var response = await wallet.PresentAsync(request.Link, cancellationToken).ConfigureAwait(false);
        progress($"   wallet answered with {input.ResponseMode}; the Verifier said {response.StatusCode}");

        // 4. Compliance assesses the presented credentials; the Issuer offers the label credential.
        progress("4. Compliance assesses the presentation…");
        var status = await backOffice.WaitForComplianceOutcomeAsync(request.Id, ComplianceTimeout, cancellationToken).ConfigureAwait(false);
        result = result with { PresentationStatus = status };
        var compliant = status["compliance"]?["compliant"]?.GetValue<bool>() == true;
        if (!compliant)
        {
            progress(
                $"   not compliant: status {status["status"]}; reasons: "
                    + $"{status["compliance"]?["reasons"]?.ToJsonString() ?? status["reasons"]?.ToJsonString()}"
            );
            return result;
        }
        var labelOffer = (string)status["offer"]!["credential_offer_uri"]!;
        progress($"   compliant; label credential offered: {labelOffer}");

        // 5. The label credential over OpenID4VCI.
        var label = await wallet
            .ReceiveAsync(labelOffer, null, line => progress("   wallet: " + line), cancellationToken)
            .ConfigureAwait(false);
        result = result with { LabelCredential = label.Single().Raw };
        progress($"5. Wallet holds {Describe(result.LabelCredential)}");
        return result;
    }

    /// <summary>The types and issuer of a VC-JWT, for the progress lines.</summary>
    public static string Describe(string vcJwt)
    {
        var held = HeldCredential.FromVcJwt(vcJwt);
        return $"[{string.Join(", ", held.Types.Where(t => t != "VerifiableCredential"))}] from {held.Issuer}";
    }

    /// <summary>The decoded payload of a VC-JWT, indented.</summary>
    public static string Decode(string vcJwt) =>
        JsonSerializer.Serialize(
            HeldCredential.FromVcJwt(vcJwt).Claims,
            new JsonSerializerOptions
            {
                WriteIndented = true,
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }
        );
}
