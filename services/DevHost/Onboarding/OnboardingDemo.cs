using System.Security.Cryptography.X509Certificates;
using GaiaX.Oid4vc.RegistrySandbox;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Wallet;
using GaiaX.Oid4vc.Wallet.Participant;

namespace GaiaX.Oid4vc.DevHost.Onboarding;

/// <summary>What DevHost shows: the whole onboarding (<c>--demo</c>), or how a wallet can start.</summary>
public static class OnboardingDemo
{
    /// <summary>
    /// SHA-256 (hex) of the Gaia-X terms and conditions: the first value the 25.11 <c>gx:IssuerShape</c>
    /// accepts for <c>gx:gaiaxTermsAndConditions</c>, and one DevHost's Compliance registry accepts.
    /// </summary>
    public const string GaiaXTermsAndConditionsHash = "067dcac5efd18c1927deb1ffed3feab6d0ad044c0a9a263e6d5d8bdc43224515";

    /// <summary>The sandbox company the demo onboards: known to the sandbox VIES, agreeing to the 25.11 T&amp;C.</summary>
    public static OnboardingInput DemoCompany { get; } =
        new()
        {
            LegalName = DemoCompanies.ExampleCloud.LegalName,
            VatId = DemoCompanies.ExampleCloud.VatId!,
            CountryCode = DemoCompanies.ExampleCloud.CountryCode,
            TermsAndConditionsHash = GaiaXTermsAndConditionsHash,
        };

    /// <summary>Runs the onboarding against <paramref name="stack"/> with a fresh participant and the reference wallet.</summary>
    public static async Task<OnboardingResult> RunAsync(
        DevStack stack,
        ManagementTokens tokens,
        TextWriter output,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(output);
        var data = stack.DataFolder;
        await using var didHost = await DidDocumentHost.StartAsync(cancellationToken).ConfigureAwait(false);
        using var participant = ParticipantIdentity.CreateDevelopment(
            didHost.BaseUrl,
            Path.Combine(data, "participant"),
            Path.Combine(data, "dev-ca"),
            TimeProvider.System
        );
        didHost.Publish(participant.DidDocumentJson);
        output.WriteLine(
            $"Participant {participant.Did}: DID document served at {didHost.BaseUrl}.well-known/did.json, key certified by the "
                + $"development CA"
        );
        using var anchor = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(data, "dev-ca", "ca.crt")));
        using var wallet = new ReferenceWallet(
            participant.HolderKey,
            participant.Did,
            new ReferenceWalletOptions { TrustAnchors = [anchor], AllowLoopback = true },
            TimeProvider.System
        );
        var scenario = new OnboardingScenario(
            new BackOffice(stack["issuer"].BaseUrl, stack["verifier"].BaseUrl, tokens, TimeProvider.System),
            participant,
            wallet,
            TimeProvider.System
        );
        var result = await scenario.RunAsync(DemoCompany, output.WriteLine, cancellationToken).ConfigureAwait(false);
        if (result.LabelCredential is { } label)
        {
            output.WriteLine();
            output.WriteLine("The label credential, decoded:");
            output.WriteLine(OnboardingScenario.Decode(label));
        }
        return result;
    }

    /// <summary>Creates a registration-number offer for the demo company and prints how a wallet takes it.</summary>
    public static async Task PrintWalletStartAsync(
        DevStack stack,
        ManagementTokens tokens,
        TextWriter output,
        string? walletProviderKey = null,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(output);
        // Under --haip the wallet authenticates with the development wallet provider's attestation, binds tokens with
        // DPoP and encrypts credential requests.
        var haip = walletProviderKey is null ? "" : $" --haip --wallet-provider-key '{walletProviderKey}'";
        var backOffice = new BackOffice(stack["issuer"].BaseUrl, stack["verifier"].BaseUrl, tokens, TimeProvider.System);
        var subject = "did:web:participant.example#vat-id";
        var offer = await backOffice.CreateRegistrationNumberOfferAsync(DemoCompany, subject, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"A registration-number offer for {DemoCompany.LegalName} (VAT ID {DemoCompany.VatId}), subject {subject}:");
        output.WriteLine($"  {offer.Uri}");
        output.WriteLine($"  transaction code (tx_code): {offer.TxCode}");
        output.WriteLine(QrCodes.Terminal(offer.Uri));
        output.WriteLine("Take it with the reference wallet:");
        output.WriteLine($"  dotnet run --project tools/Wallet -- receive '{offer.Uri}' --tx-code {offer.TxCode} --allow-loopback{haip}");
        output.WriteLine("Present it to the Verifier (openid4vp://… from POST /api/presentation-requests):");
        output.WriteLine(
            $"  dotnet run --project tools/Wallet -- present '<openid4vp-uri>' --trust-ca '{stack.DevelopmentCaCertificate}' "
                + "--allow-loopback"
                + haip
        );
        if (walletProviderKey is not null)
        {
            output.WriteLine(
                "HAIP profile: the Verifier accepts dc+sd-jwt only (e.g. a LegalPerson_dc_sd_jwt offer, whose holder key the "
                    + "wallet has attested), signed under x509_hash, answered with direct_post.jwt."
            );
        }
        output.WriteLine(
            "Management API tokens (1 h) for your own offers (POST /api/offers) and presentation requests (POST "
                + "/api/presentation-requests):"
        );
        output.WriteLine($"  issuer:   {tokens.IssuerToken()}");
        output.WriteLine($"  verifier: {tokens.VerifierToken()}");
        output.WriteLine("The whole onboarding, step by step: dotnet run --project services/DevHost -- --demo");
    }
}
