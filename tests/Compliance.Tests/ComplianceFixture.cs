using GaiaX.Oid4vc.Compliance;
using GaiaX.Oid4vc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Compliance.Tests;

/// <summary>
/// The parties of the compliance tests: a trusted CA (the registry's trust anchor), a rogue CA, the
/// did:web hosts (WireMock.Net), a participant, a trusted notary, a third party with a trusted
/// certificate but no terms-and-conditions declaration, and a Compliance service using the local
/// registry. The service is stateless per request, so tests share it.
/// </summary>
public sealed class ComplianceFixture : IAsyncLifetime
{
    public TestPki TrustedCa { get; } = new("Trusted", withIntermediate: true);

    public TestPki RogueCa { get; } = new("Rogue");

    public DidWebHost Dids { get; } = new();

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public TestIdentity ParticipantIdentity { get; private set; } = null!;

    public TestIdentity NotaryIdentity { get; private set; } = null!;

    public TestIdentity ThirdParty { get; private set; } = null!;

    public TestIdentity RogueParty { get; private set; } = null!;

    /// <summary>A conformity assessment body the registry trusts: its certifications evidence label-level criteria.</summary>
    public TestIdentity AssessmentBody { get; private set; } = null!;

    /// <summary>A party whose DID document publishes <see cref="MismatchedJwk"/> instead of its certificate's key.</summary>
    public TestIdentity MismatchedParty { get; private set; } = null!;

    public System.Security.Cryptography.ECDsa MismatchedJwk { get; } = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);

    public Participant Participant { get; private set; } = null!;

    public TestServiceHost Compliance { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ParticipantIdentity = Dids.CreateIdentity("participant", TrustedCa);
        NotaryIdentity = Dids.CreateIdentity("notary", TrustedCa, publishChainAtX5u: true);
        ThirdParty = Dids.CreateIdentity("third-party", TrustedCa);
        RogueParty = Dids.CreateIdentity("rogue", RogueCa);
        AssessmentBody = Dids.CreateIdentity("assessment-body", TrustedCa);
        MismatchedParty = Dids.CreateIdentity("mismatched", TrustedCa, publishedJwk: MismatchedJwk);
        Participant = new Participant(ParticipantIdentity, NotaryIdentity, Time);
        Compliance = await StartComplianceAsync(LocalRegistryArgs(), Time);
    }

    /// <summary>Arguments that configure the local registry with this fixture's trust.</summary>
    public IEnumerable<string> LocalRegistryArgs() =>
    [
        "--Compliance:Registry:Local:TrustAnchorCertificates:0=" + TrustedCa.RootPem,
        "--Compliance:Registry:Local:RegistrationNotaries:0=" + NotaryIdentity.Did,
        "--Compliance:Registry:Local:TermsAndConditionsHashes:0=" + Participant.TermsAndConditionsHash,
        "--Compliance:Registry:Local:ConformityAssessmentBodies:0=" + AssessmentBody.Did,
    ];

    /// <summary>A Compliance service with its own embedded sidecar (labels take their status index from the state store).</summary>
    public static async Task<TestServiceHost> StartComplianceAsync(IEnumerable<string> args, TimeProvider time)
    {
        var dapr = DaprTestEnvironment.InMemory();
        var host = await dapr.StartServiceAsync(
            GaiaX.Oid4vc.Dapr.AppIds.Compliance,
            (a, c) => ComplianceProgram.Create(a, c),
            ComplianceOptions.SectionName,
            args.Append("--DidWeb:AllowHttpLoopback=true"),
            builder => builder.Services.Replace(ServiceDescriptor.Singleton(time)));
        host.DisposeWith = dapr;
        return host;
    }

    public async Task DisposeAsync()
    {
        await Compliance.DisposeAsync();
        Dids.Dispose();
        MismatchedJwk.Dispose();
        TrustedCa.Dispose();
        RogueCa.Dispose();
    }
}
