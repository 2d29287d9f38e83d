using GaiaX.Oid4vc.RegistrySandbox;

namespace GaiaX.Oid4vc.Notary.Tests;

/// <summary>A registry that is down, busy, slow or talking nonsense has said nothing about the number: 503/502, never 404.</summary>
public sealed class RegistryFailureTests
{
    private const string Lei = "984500DEMOCLOUD00089";
    private const string Eori = "DE8123456730000";

    [Theory]
    [InlineData("INVALID_INPUT", 400)]
    [InlineData("SERVICE_UNAVAILABLE", 503)]
    [InlineData("MS_UNAVAILABLE", 503)]
    [InlineData("TIMEOUT", 503)]
    [InlineData("SERVER_BUSY", 503)]
    [InlineData("GLOBAL_MAX_CONCURRENT_REQ", 503)]
    [InlineData("GLOBAL_MAX_CONCURRENT_REQ_TIME", 503)]
    [InlineData("MS_MAX_CONCURRENT_REQ", 503)]
    [InlineData("MS_MAX_CONCURRENT_REQ_TIME", 503)]
    [InlineData("IP_BLOCKED", 503)]
    [InlineData("VAT_BLOCKED", 503)]
    [InlineData("INVALID_REQUESTER_INFO", 502)]
    [InlineData("A_FAULT_VIES_DOES_NOT_DOCUMENT", 502)]
    public async Task Vies_fault_code_is_mapped_to_its_status(string faultCode, int status)
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        notary.GivenVies("DE", "812345673", 500, RegistryWireFormats.SoapFault(faultCode));

        var response = await notary.GetCredentialAsync("vat-id", "DE812345673");

        var problem = await NotaryUnderTest.ProblemAsync(response, status);
        Assert.Contains(faultCode, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        if (status == 503)
        {
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 carries Retry-After");
        }
    }

    [Theory]
    [InlineData("MS_MAX_CONCURRENT_REQ", 3)]
    [InlineData("SERVER_BUSY", 3)]
    [InlineData("INVALID_INPUT", 1)]
    [InlineData("VAT_BLOCKED", 1)]
    public async Task Only_transient_vies_faults_are_retried(string faultCode, int expectedCalls)
    {
        await using var notary = await NotaryUnderTest.StartAsync(["--Notary:Registries:Vies:MaxRetryAttempts=2"]);
        notary.GivenVies("DE", "812345673", 500, RegistryWireFormats.SoapFault(faultCode));

        await notary.GetCredentialAsync("vat-id", "DE812345673");

        Assert.Equal(expectedCalls, notary.RegistryCalls);
    }

    [Fact]
    public async Task Transient_fault_followed_by_an_answer_yields_the_credential()
    {
        await using var notary = await NotaryUnderTest.StartAsync(["--Notary:Registries:Gleif:MaxRetryAttempts=2"]);
        notary.Registries.Given(WireMock.RequestBuilders.Request.Create().WithPath($"/api/v1/lei-records/{Lei}").UsingGet())
            .InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(503));
        notary.Registries.Given(WireMock.RequestBuilders.Request.Create().WithPath($"/api/v1/lei-records/{Lei}").UsingGet())
            .InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBody(RegistryWireFormats.GleifLeiRecord(Lei, "Example Cloud GmbH", "DE")));

        var response = await notary.GetCredentialAsync("lei-code", Lei);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(2, notary.RegistryCalls);
    }

    [Theory]
    [InlineData("vat-id")]
    [InlineData("eori")]
    [InlineData("lei-code")]
    public async Task Registry_time_out_answers_503_with_retry_after_never_404(string type)
    {
        var registry = Registry(type);
        await using var notary = await NotaryUnderTest.StartAsync(
        [
            $"--Notary:Registries:{registry}:AttemptTimeout=00:00:00.200",
            $"--Notary:Registries:{registry}:MaxRetryAttempts=0",
        ]);
        Arrange(notary, type, 200, valid: true, delay: TimeSpan.FromSeconds(3));

        var response = await notary.GetCredentialAsync(type, Value(type));

        var problem = await NotaryUnderTest.ProblemAsync(response, 503);
        Assert.Contains("did not answer in time", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
    }

    [Theory]
    [InlineData("vat-id", 500)]
    [InlineData("vat-id", 503)]
    [InlineData("eori", 502)]
    [InlineData("eori", 504)]
    [InlineData("lei-code", 500)]
    [InlineData("lei-code", 503)]
    public async Task Registry_server_error_answers_503_never_404(string type, int registryStatus)
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        ArrangeRaw(notary, type, registryStatus, "<html><body>Service Unavailable</body></html>", "text/html");

        var response = await notary.GetCredentialAsync(type, Value(type));

        await NotaryUnderTest.ProblemAsync(response, 503);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
    }

    [Theory]
    [InlineData("vat-id", "<html>maintenance</html>")]
    [InlineData("vat-id", "<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\"><env:Body><other/></env:Body></env:Envelope>")]
    [InlineData("eori", "not xml at all")]
    [InlineData("eori", "<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\"><env:Body><x:validateEORIResponse xmlns:x=\"http://eori.ws.eos.dds.s/\"/></env:Body></env:Envelope>")]
    [InlineData("lei-code", "{not json")]
    [InlineData("lei-code", "{\"data\":{}}")]
    [InlineData("lei-code", "[]")]
    public async Task Malformed_registry_answer_answers_502_never_404(string type, string body)
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        ArrangeRaw(notary, type, 200, body, type == "lei-code" ? RegistryWireFormats.JsonApiContentType : RegistryWireFormats.SoapContentType);

        var response = await notary.GetCredentialAsync(type, Value(type));

        await NotaryUnderTest.ProblemAsync(response, 502);
    }

    [Fact]
    public async Task Vies_answer_about_another_number_answers_502()
    {
        await using var notary = await NotaryUnderTest.StartAsync();
        notary.GivenVies("DE", "812345673", 200, RegistryWireFormats.ViesCheckVatResponse("DE", "314159262", valid: false));

        await NotaryUnderTest.ProblemAsync(await notary.GetCredentialAsync("vat-id", "DE812345673"), 502);
    }

    [Fact]
    public async Task Unreachable_registry_answers_503()
    {
        var closedPort = GaiaX.Oid4vc.Testing.TestServiceHost.FreePort();
        await using var notary = await NotaryUnderTest.StartAsync(
        [
            $"--Notary:Registries:Gleif:Endpoint=http://127.0.0.1:{closedPort}/api/v1",
            "--Notary:Registries:Gleif:MaxRetryAttempts=0",
        ]);

        await NotaryUnderTest.ProblemAsync(await notary.GetCredentialAsync("lei-code", Lei), 503);
    }

    [Fact]
    public async Task Registry_retry_after_is_passed_on_and_a_long_one_is_not_waited_for()
    {
        await using var notary = await NotaryUnderTest.StartAsync(["--Notary:Registries:Gleif:MaxRetryAttempts=3"]);
        notary.GivenGleif(Lei, 429, """{"errors":[{"status":"429","title":"Too Many Requests"}]}""", retryAfter: "120");

        var response = await notary.GetCredentialAsync("lei-code", Lei);

        await NotaryUnderTest.ProblemAsync(response, 503);
        Assert.Equal(TimeSpan.FromSeconds(120), response.Headers.RetryAfter?.Delta);
        Assert.Equal(1, notary.RegistryCalls);
    }

    [Fact]
    public async Task Registry_client_runs_only_its_own_pipeline_not_the_standard_resilience_handler()
    {
        // The standard handler would retry a 503 three times; with retries off, one call is all.
        await using var notary = await NotaryUnderTest.StartAsync(["--Notary:Registries:Gleif:MaxRetryAttempts=0"]);
        notary.GivenGleif(Lei, 503, "{}");

        await NotaryUnderTest.ProblemAsync(await notary.GetCredentialAsync("lei-code", Lei), 503);

        Assert.Equal(1, notary.RegistryCalls);
    }

    [Theory]
    [InlineData(503, null, 503)]
    [InlineData(429, null, 503)]
    [InlineData(200, "{\"valid\":\"yes\"}", 502)]
    [InlineData(200, "not json", 502)]
    [InlineData(400, null, 502)]
    public async Task Configured_registry_failure_is_503_or_502_never_404(int registryStatus, string? body, int status)
    {
        await using var notary = await NotaryUnderTest.StartAsync(
            [$"--Notary:Registries:TaxId:Endpoint={NotaryUnderTest.RegistriesUrl}/tax/{{value}}", "--Notary:Registries:TaxId:MaxRetryAttempts=0"]);
        notary.GivenJson("/tax/DE123456789", registryStatus, body);

        await NotaryUnderTest.ProblemAsync(await notary.GetCredentialAsync("tax-id", "DE123456789"), status);
    }

    private static string Registry(string type) => type switch
    {
        "vat-id" => "Vies",
        "eori" => "Eori",
        _ => "Gleif",
    };

    private static string Value(string type) => type switch
    {
        "vat-id" => "DE812345673",
        "eori" => Eori,
        _ => Lei,
    };

    private static void Arrange(NotaryUnderTest notary, string type, int status, bool valid, TimeSpan? delay = null)
    {
        switch (type)
        {
            case "vat-id":
                notary.GivenVies("DE", "812345673", status, RegistryWireFormats.ViesCheckVatResponse("DE", "812345673", valid), delay);
                break;
            case "eori":
                notary.GivenEori(Eori, status, RegistryWireFormats.EoriResponse(Eori, valid), delay);
                break;
            default:
                notary.GivenGleif(Lei, status, RegistryWireFormats.GleifLeiRecord(Lei, "Example Cloud GmbH", "DE"), delay);
                break;
        }
    }

    private static void ArrangeRaw(NotaryUnderTest notary, string type, int status, string body, string contentType)
    {
        var path = type switch
        {
            "vat-id" => RegistryWireFormats.ViesPath,
            "eori" => RegistryWireFormats.EoriPath,
            _ => $"{RegistryWireFormats.GleifBasePath}/lei-records/{Lei}",
        };
        notary.Registries.Given(WireMock.RequestBuilders.Request.Create().WithPath(path))
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body));
    }
}
