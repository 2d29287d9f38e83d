using System.Security.Cryptography.X509Certificates;
using GaiaX.Oid4vc.DevHost;
using GaiaX.Oid4vc.DevHost.Onboarding;
using GaiaX.Oid4vc.Wallet;
using GaiaX.Oid4vc.Wallet.Participant;

namespace EndToEnd.Tests;

/// <summary>
/// One onboarding world: the DevHost stack (all four services, embedded sidecars, sandbox
/// registries), a participant whose did:web document is served on loopback, and its reference wallet.
/// </summary>
public sealed class OnboardingHarness : IAsyncDisposable
{
    private readonly string _folder;

    private OnboardingHarness(string folder, DevStack stack, DidDocumentHost didHost, ParticipantIdentity participant, ReferenceWallet wallet, ManagementTokens tokens)
    {
        _folder = folder;
        Stack = stack;
        DidHost = didHost;
        Participant = participant;
        Wallet = wallet;
        Tokens = tokens;
    }

    public DevStack Stack { get; private set; }

    public DidDocumentHost DidHost { get; }

    public ParticipantIdentity Participant { get; }

    public ReferenceWallet Wallet { get; }

    public ManagementTokens Tokens { get; }

    public List<string> Progress { get; } = [];

    /// <summary>The development CA every service (and the participant) chains to.</summary>
    public static string DevelopmentCaFolder => Path.Combine(Directory.GetCurrentDirectory(), ".devhost-data", "dev-ca");


    public static OnboardingInput DemoCompany(string responseMode = "direct_post.jwt") => OnboardingDemo.DemoCompany with { ResponseMode = responseMode };

    public static async Task<OnboardingHarness> StartAsync(string? redis = null, bool duplicateDelivery = false)
    {
        var folder = Directory.CreateTempSubdirectory("gaiax-e2e-").FullName;
        var tokens = new ManagementTokens(TimeProvider.System);
        var stack = await DevStack.StartAsync(Settings(tokens, redis, duplicateDelivery));
        var didHost = await DidDocumentHost.StartAsync();
        var participant = ParticipantIdentity.CreateDevelopment(didHost.BaseUrl, Path.Combine(folder, "participant"), DevelopmentCaFolder, TimeProvider.System);
        didHost.Publish(participant.DidDocumentJson);
        var anchor = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(DevelopmentCaFolder, "ca.crt")));
        var wallet = new ReferenceWallet(participant.HolderKey, participant.Did, new ReferenceWalletOptions { TrustAnchors = [anchor], AllowLoopback = true, DeferredTimeout = TimeSpan.FromSeconds(60) }, TimeProvider.System);
        return new OnboardingHarness(folder, stack, didHost, participant, wallet, tokens) { _redis = redis, _duplicateDelivery = duplicateDelivery };
    }

    private string? _redis;
    private bool _duplicateDelivery;

    private static DevStackSettings Settings(ManagementTokens tokens, string? redis, bool duplicateDelivery, DevStack? previous = null) => new()
    {
        IssuerPort = previous?["issuer"].BaseUrl.Port ?? 0,
        VerifierPort = previous?["verifier"].BaseUrl.Port ?? 0,
        NotaryPort = previous?["notary"].BaseUrl.Port ?? 0,
        CompliancePort = previous?["compliance"].BaseUrl.Port ?? 0,
        RegistryPort = previous?["registry"].BaseUrl.Port ?? 0,
        Redis = redis,
        DuplicateDelivery = duplicateDelivery,
        ServiceArgs = [.. tokens.ServiceArguments(), "--Issuer:DeferredIntervalSeconds=1"],
    };

    /// <summary>Stops the whole host and starts it again on the same ports and back end.</summary>
    public async Task RestartStackAsync()
    {
        var previous = Stack;
        var settings = Settings(Tokens, _redis, _duplicateDelivery, previous);
        await previous.DisposeAsync();
        Stack = await DevStack.StartAsync(settings);
    }

    public BackOffice BackOffice() => new(Stack["issuer"].BaseUrl, Stack["verifier"].BaseUrl, Tokens, TimeProvider.System);

    public OnboardingScenario Scenario() => new(BackOffice(), Participant, Wallet, TimeProvider.System);

    public Task<OnboardingResult> RunAsync(OnboardingInput input) => Scenario().RunAsync(input, line =>
    {
        lock (Progress)
        {
            Progress.Add(line);
        }
    });

    public async ValueTask DisposeAsync()
    {
        Wallet.Dispose();
        Participant.Dispose();
        Tokens.Dispose();
        await DidHost.DisposeAsync();
        await Stack.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
