using GaiaX.Oid4vc.RegistrySandbox;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;

namespace GaiaX.Oid4vc.Notary.Tests;

/// <summary>Each registry has its own circuit breaker and concurrency limit.</summary>
public sealed class RegistryCircuitAndConcurrencyTests
{
    private const string Lei = "984500DEMOCLOUD00089";
    private const string OtherLei = "984500DEMODONNEE0074";

    private static readonly string[] ShortCircuit =
    [
        "--Notary:Registries:Gleif:MaxRetryAttempts=0",
        "--Notary:Registries:Gleif:CircuitMinimumThroughput=2",
        "--Notary:Registries:Gleif:CircuitFailureRatio=0.5",
        "--Notary:Registries:Gleif:CircuitSamplingDuration=00:00:30",
        "--Notary:Registries:Gleif:CircuitBreakDuration=00:00:00.800",
    ];

    [Fact]
    public async Task Circuit_opens_after_repeated_failures_and_no_call_reaches_the_registry_while_open()
    {
        await using var notary = await NotaryUnderTest.StartAsync(ShortCircuit);
        notary.GivenGleif(Lei, 503, "{}");

        await NotaryUnderTest.ProblemAsync(await notary.GetCredentialAsync("lei-code", Lei), 503);
        await NotaryUnderTest.ProblemAsync(await notary.GetCredentialAsync("lei-code", Lei), 503);
        Assert.Equal(2, notary.RegistryCalls);

        for (var i = 0; i < 3; i++)
        {
            var response = await notary.GetCredentialAsync("lei-code", Lei);
            var problem = await NotaryUnderTest.ProblemAsync(response, 503);
            Assert.Contains("suspended", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.NotNull(response.Headers.RetryAfter?.Delta);
        }
        Assert.Equal(2, notary.RegistryCalls);
    }

    [Fact]
    public async Task Circuit_closes_again_when_the_registry_recovers()
    {
        await using var notary = await NotaryUnderTest.StartAsync(ShortCircuit);
        notary.GivenGleif(Lei, 503, "{}");
        await notary.GetCredentialAsync("lei-code", Lei);
        await notary.GetCredentialAsync("lei-code", Lei);
        await NotaryUnderTest.ProblemAsync(await notary.GetCredentialAsync("lei-code", Lei), 503);
        Assert.Equal(2, notary.RegistryCalls);

        notary.Registries.Reset();
        notary.GivenGleif(Lei, 200, RegistryWireFormats.GleifLeiRecord(Lei, "Example Cloud GmbH", "DE"));
        notary.GivenGleif(OtherLei, 200, RegistryWireFormats.GleifLeiRecord(OtherLei, "Exemple Données SAS", "FR"));
        await Task.Delay(TimeSpan.FromSeconds(1)); // the break duration (0.8 s) elapses: the next call is the probe

        Assert.Equal(200, (int)(await notary.GetCredentialAsync("lei-code", Lei)).StatusCode);
        // Another number (the first is now cached): the closed circuit lets it through.
        Assert.Equal(200, (int)(await notary.GetCredentialAsync("lei-code", OtherLei)).StatusCode);
        Assert.Equal(2, notary.RegistryCalls);
    }

    [Fact]
    public async Task One_registry_failing_does_not_open_another_registrys_circuit()
    {
        await using var notary = await NotaryUnderTest.StartAsync([.. ShortCircuit,
            "--Notary:Registries:Vies:CircuitMinimumThroughput=2", "--Notary:Registries:Vies:CircuitBreakDuration=00:00:30"]);
        notary.GivenGleif(Lei, 503, "{}");
        notary.GivenVies("DE", "812345673", 200, RegistryWireFormats.ViesCheckVatResponse("DE", "812345673", valid: true));
        for (var i = 0; i < 3; i++)
        {
            await notary.GetCredentialAsync("lei-code", Lei);
        }

        Assert.Equal(200, (int)(await notary.GetCredentialAsync("vat-id", "DE812345673")).StatusCode);
    }

    [Fact]
    public async Task Vies_never_sees_more_parallel_requests_than_the_concurrency_limit()
    {
        await using var notary = await NotaryUnderTest.StartAsync(
            ["--Notary:Registries:Vies:MaxConcurrentRequests=2", "--Notary:Registries:Vies:QueueLimit=10"]);
        var inFlight = 0;
        var maxInFlight = 0;
        notary.Registries.Given(Request.Create().WithPath(RegistryWireFormats.ViesPath).UsingPost())
            .RespondWith(Response.Create().WithCallback(async request =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref maxInFlight, now);
                await Task.Delay(150);
                Interlocked.Decrement(ref inFlight);
                var (country, number) = RegistryWireFormats.ReadCheckVatRequest(request.Body);
                return Soap(RegistryWireFormats.ViesCheckVatResponse(country!, number!, valid: true));
            }));

        // Distinct numbers, so none is answered from the cache of another.
        string[] numbers = ["DE111111117", "DE222222220", "DE333333339", "DE444444443", "DE555555551", "DE666666660"];
        var responses = await Task.WhenAll(numbers.Select(number => notary.GetCredentialAsync("vat-id", number)));

        Assert.All(responses, r => Assert.Equal(200, (int)r.StatusCode));
        Assert.Equal(6, notary.RegistryCalls);
        Assert.Equal(2, maxInFlight);
    }

    [Fact]
    public async Task Request_beyond_the_concurrency_limit_and_queue_answers_503_without_calling_vies()
    {
        await using var notary = await NotaryUnderTest.StartAsync(
            ["--Notary:Registries:Vies:MaxConcurrentRequests=1", "--Notary:Registries:Vies:QueueLimit=0"]);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        notary.Registries.Given(Request.Create().WithPath(RegistryWireFormats.ViesPath).UsingPost())
            .RespondWith(Response.Create().WithCallback(async request =>
            {
                arrived.TrySetResult();
                await release.Task;
                var (country, number) = RegistryWireFormats.ReadCheckVatRequest(request.Body);
                return Soap(RegistryWireFormats.ViesCheckVatResponse(country!, number!, valid: true));
            }));

        var first = notary.GetCredentialAsync("vat-id", "DE812345673");
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = await notary.GetCredentialAsync("vat-id", "DE812345673");
        release.SetResult();

        var problem = await NotaryUnderTest.ProblemAsync(second, 503);
        Assert.Contains("Too many checks", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, (int)(await first).StatusCode);
        Assert.Equal(1, notary.RegistryCalls);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static ResponseMessage Soap(string body) => new()
    {
        StatusCode = 200,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new(RegistryWireFormats.SoapContentType) },
        BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String },
    };
}
