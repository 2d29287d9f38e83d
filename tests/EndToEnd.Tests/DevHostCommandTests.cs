using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GaiaX.Oid4vc.DevHost;

namespace EndToEnd.Tests;

/// <summary>
/// DevHost's command line as a newcomer meets it: usage, mistakes in one line with exit code 2, a
/// configuration without the built-in VatID, the pinned data folder, and management tokens minted by
/// the <c>token</c> command that a running DevHost accepts.
/// </summary>
public sealed partial class DevHostCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "devhost-" + Guid.NewGuid().ToString("N"));

    [GeneratedRegex(@"^issuer\s+(http://\S+)", RegexOptions.Multiline)]
    private static partial Regex IssuerUrl();

    private static readonly string[] AnyPorts = ["--issuer-port", "0", "--verifier-port", "0", "--notary-port", "0", "--compliance-port", "0", "--registry-port", "0", "--console-port", "0"];

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    /// <summary>Starts DevHost like <c>dotnet run</c> does and returns once it waits for Ctrl-C.</summary>
    private static async Task<(StringWriter Output, StringWriter Error, Task<int> Run, CancellationTokenSource Stop)> StartAsync(string[] args)
    {
        var output = new SynchronizedWriter();
        var error = new SynchronizedWriter();
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => DevHostCommand.RunAsync(args, output, error, stop.Token));
        var ready = await GaiaX.Oid4vc.Testing.Poll.UntilAsync(
            () => run.IsCompleted || output.ToString().Contains("Press Ctrl-C to stop.", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60)
        );
        Assert.True(ready && !run.IsCompleted, $"DevHost did not come up:\n{output}\n{error}\n{run.Exception}");
        return (output, error, run, stop);
    }

    [Fact]
    public async Task Help_prints_the_usage_with_every_switch_and_exits_0_without_starting()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await DevHostCommand.RunAsync(["--help"], output, error, CancellationToken.None);

        Assert.Equal(0, code);
        foreach (var option in new[] { "--issuer-port", "--host", "--public-base-url", "--data", "--redis", "--real-registries", "--log-level", "--demo", "token" })
        {
            Assert.Contains(option, output.ToString(), StringComparison.Ordinal);
        }
        Assert.Equal(string.Empty, error.ToString());
    }

    [Fact]
    public async Task Unknown_option_is_one_line_and_exit_code_2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await DevHostCommand.RunAsync(["--isuer-port", "5101"], output, error, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Equal("DevHost: unknown option '--isuer-port' (see --help)" + Environment.NewLine, error.ToString());
    }

    [Fact]
    public async Task Port_in_use_is_one_line_naming_the_port_and_the_setting_and_exit_code_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await DevHostCommand.RunAsync(
            ["--issuer-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--verifier-port", "0", "--notary-port", "0", "--compliance-port", "0", "--registry-port", "0", "--console-port", "0", "--data", _data],
            output,
            error,
            CancellationToken.None
        );

        Assert.Equal(2, code);
        Assert.Equal(
            $"DevHost: port {port} (--issuer-port, DevHost:Ports:Issuer) is already in use; choose another port or 0 for any free port" + Environment.NewLine,
            error.ToString()
        );
    }

    [Fact]
    public async Task Configuration_without_the_built_in_vat_id_starts_and_says_why_there_is_no_starter_offer()
    {
        var (output, error, run, stop) = await StartAsync(
        [
            .. AnyPorts,
            "--data",
            _data,
            "--Issuer:CredentialConfigurations:Employee:Format=dc+sd-jwt",
            "--Issuer:CredentialConfigurations:Employee:Vct=https://example.org/employee",
            "--Issuer:CredentialConfigurations:Employee:Preparation=IssuerSigned",
        ]);

        await stop.CancelAsync();

        Assert.Equal(0, await run);
        Assert.Contains("No starter offer:", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error.ToString(), StringComparison.Ordinal);
        stop.Dispose();
    }

    [Fact]
    public async Task Data_folder_holds_the_development_ca_and_tokens_json_readable_by_the_owner_only_and_the_printed_present_command_names_the_ca()
    {
        var (output, _, run, stop) = await StartAsync([.. AnyPorts, "--data", _data]);
        await stop.CancelAsync();
        Assert.Equal(0, await run);
        stop.Dispose();

        var ca = Path.Combine(_data, "dev-ca", "ca.crt");
        Assert.True(File.Exists(ca), "the development CA is in the data folder");
        Assert.Contains($"--trust-ca '{ca}'", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"data: {_data}", output.ToString(), StringComparison.Ordinal);
        var tokens = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_data, "tokens.json")))!;
        Assert.Equal("issuer.offers.write issuer.offers.read issuer.credentials.status", (string?)tokens["issuer"]!["scope"]);
        Assert.Equal("registry.trust.write registry.trust.read", (string?)tokens["registry"]!["scope"]);
        Assert.Matches(@"(?m)^registry\s+http://", output.ToString());
        Assert.False(string.IsNullOrEmpty((string?)tokens["verifier"]!["token"]));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_data, "tokens.json")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_data, "management", "key.pem")));
        }
    }

    [Fact]
    public async Task Token_jwk_is_the_key_an_issuer_running_elsewhere_accepts_the_minted_tokens_with()
    {
        // The dev cluster's way: the Issuer runs on its own with the printed JWK (management-jwk Secret).
        using var jwkOutput = new StringWriter();
        using var tokenOutput = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await DevHostCommand.RunAsync(["token", "--jwk", "--data", _data], jwkOutput, error, CancellationToken.None));
        Assert.Equal(0, await DevHostCommand.RunAsync(["token", "--audience", "issuer", "--data", _data], tokenOutput, error, CancellationToken.None));
        var jwk = JsonNode.Parse(jwkOutput.ToString())!;
        var token = Regex.Match(tokenOutput.ToString(), @"issuer:\s+(\S+)").Groups[1].Value;
        Assert.Equal("EC", (string?)jwk["kty"]);
        Assert.Null(jwk["d"]);

        await using var issuer = await GaiaX.Oid4vc.Testing.TestServiceHost.StartAsync(
            (a, c) => GaiaX.Oid4vc.Issuer.IssuerProgram.Create(a, c),
            "Issuer",
            [
                $"--Issuer:Management:SigningKeyJwk={jwk.ToJsonString()}",
                "--Issuer:Management:TokenIssuer=urn:gaiax:devhost:onboarding",
                "--Issuer:Management:Audience=gaiax-issuer-management",
            ]
        );
        async Task<HttpStatusCode> CreateOfferAsync(string? bearer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/offers") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }
            using var response = await issuer.Client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await CreateOfferAsync(null));
        // Past authentication, the empty offer is refused on its merits.
        Assert.Equal(HttpStatusCode.BadRequest, await CreateOfferAsync(token));
    }

    [Fact]
    public async Task Token_for_the_registry_is_accepted_by_a_registry_running_elsewhere_with_the_printed_jwk()
    {
        // The dev cluster's Registry reads the same management-jwk Secret as the Issuer and the Verifier.
        using var jwkOutput = new StringWriter();
        using var tokenOutput = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await DevHostCommand.RunAsync(["token", "--jwk", "--data", _data], jwkOutput, error, CancellationToken.None));
        string[] mint = ["token", "--audience", "registry", "--data", _data];
        Assert.Equal(0, await DevHostCommand.RunAsync(mint, tokenOutput, error, CancellationToken.None));
        var token = Regex.Match(tokenOutput.ToString(), @"registry:\s+(\S+)").Groups[1].Value;
        Assert.DoesNotContain("issuer:", tokenOutput.ToString(), StringComparison.Ordinal);

        await using var registry = await GaiaX.Oid4vc.Testing.TestServiceHost.StartAsync(
            (a, c) => GaiaX.Oid4vc.Registry.RegistryProgram.Create(a, c),
            "Registry",
            [
                $"--Registry:Management:SigningKeyJwk={jwkOutput.ToString().Trim()}",
                "--Registry:Management:TokenIssuer=urn:gaiax:devhost:onboarding",
                "--Registry:Management:Audience=gaiax-registry",
            ]
        );
        async Task<HttpStatusCode> TrustAsync(string? bearer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/management/trusted-issuers/registration-notary")
            {
                Content = new StringContent("""{"did":"not a did"}""", Encoding.UTF8, "application/json"),
            };
            if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }
            using var response = await registry.Client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await TrustAsync(null));
        // Past authentication and the scope check, the DID is refused on its merits.
        Assert.Equal(HttpStatusCode.BadRequest, await TrustAsync(token));
    }

    [Fact]
    public async Task Token_command_mints_tokens_with_the_chosen_lifetime_that_a_running_devhost_accepts()
    {
        using var minted = new StringWriter();
        using var mintError = new StringWriter();
        Assert.Equal(0, await DevHostCommand.RunAsync(["token", "--lifetime", "2h", "--audience", "issuer", "--data", _data], minted, mintError, CancellationToken.None));
        var token = Regex.Match(minted.ToString(), @"issuer:\s+(\S+)").Groups[1].Value;
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1])))!;
        var lifetime = (long)payload["exp"]! - (long)payload["iat"]!;
        Assert.Equal(7200, lifetime);
        Assert.DoesNotContain("verifier:", minted.ToString(), StringComparison.Ordinal);

        var (output, _, run, stop) = await StartAsync([.. AnyPorts, "--data", _data]);
        try
        {
            var issuer = new Uri(IssuerUrl().Match(output.ToString()).Groups[1].Value);
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(issuer, "/api/offers"))
            {
                Content = new StringContent(
                    """{"credential_configuration_ids":["LegalPerson_dc_sd_jwt"],"claims":{"LegalPerson_dc_sd_jwt":{"legal_name":"Example","headquarters_country":"DE"}}}""",
                    Encoding.UTF8,
                    "application/json"
                ),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        finally
        {
            await stop.CancelAsync();
            await run;
            stop.Dispose();
        }
    }

    [Theory]
    [InlineData("0m")]
    [InlineData("31d")]
    [InlineData("soon")]
    public async Task Token_lifetime_out_of_range_is_one_line_and_exit_code_2(string lifetime)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await DevHostCommand.RunAsync(["token", "--lifetime", lifetime, "--data", _data], output, error, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Single(error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("between 1 minute and 30 days", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A StringWriter safe to read while DevHost writes to it from another thread.</summary>
    private sealed class SynchronizedWriter : StringWriter
    {
        private readonly object _gate = new();

        public override void Write(char value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_gate)
            {
                base.WriteLine(value);
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return base.ToString();
            }
        }
    }

    [Theory]
    [InlineData("--app-port", "http", "--app-port 'http' is not a port")]
    [InlineData("--dapr-grpc-port", "70000", "--dapr-grpc-port '70000' is not a port")]
    public async Task Sidecar_with_a_wrong_port_says_which_in_one_line_and_exits_2(string option, string value, string expected)
    {
        var args = new Dictionary<string, string>
        {
            ["--app-id"] = "issuer",
            ["--app-port"] = "5101",
            ["--dapr-grpc-port"] = "50001",
            ["--dapr-http-port"] = "3500",
            ["--redis"] = "127.0.0.1:1",
        };
        args[option] = value;
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await DevHostCommand.RunAsync(["sidecar", .. args.SelectMany(a => new[] { a.Key, a.Value })], output, error, CancellationToken.None);

        Assert.Equal(DevHostCommand.Usage, code);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task Sidecar_without_its_redis_says_the_option_is_required_and_exits_2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await DevHostCommand.RunAsync(
            ["sidecar", "--app-id", "issuer", "--app-port", "5101", "--dapr-grpc-port", "50001", "--dapr-http-port", "3500"],
            output,
            error,
            CancellationToken.None
        );

        Assert.Equal(DevHostCommand.Usage, code);
        Assert.StartsWith("DevHost sidecar: --redis is required", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rehearse_without_redis_says_the_option_is_required_and_exits_2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await DevHostCommand.RunAsync(["rehearse"], output, error, CancellationToken.None);

        Assert.Equal(DevHostCommand.Usage, code);
        Assert.StartsWith("DevHost rehearse: --redis is required", error.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^verifier\s+(http://\S+)", RegexOptions.Multiline)]
    private static partial Regex VerifierUrl();

    /// <summary>The arguments after <c>--</c> of a printed <c>dotnet run --project tools/Wallet -- …</c> line, quotes removed.</summary>
    private static string[] WalletArguments(string printed, string command)
    {
        var line = printed.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("dotnet run --project tools/Wallet -- " + command, StringComparison.Ordinal));
        return Regex.Matches(line["dotnet run --project tools/Wallet -- ".Length..], @"'([^']*)'|(\S+)")
            .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
            .ToArray();
    }

    [Fact]
    public async Task Haip_switch_runs_both_haip_profiles_and_the_printed_haip_wallet_commands_receive_and_present_an_SD_JWT_VC()
    {
        var (output, _, run, stop) = await StartAsync([.. AnyPorts, "--data", _data, "--haip"]);
        var wallet = Path.Combine(_data, "wallet");
        try
        {
            var printed = output.ToString();
            var receive = WalletArguments(printed, "receive");
            Assert.Contains("--haip", receive);

            // The printed starter offer (a VatID the Notary prepares), received as printed.
            var starter = await WalletCli.RunAsync(_data, [.. receive, "--wallet", wallet]);
            Assert.True(starter.ExitCode == 0, starter.ToString());

            // A LegalPerson SD-JWT VC, whose holder key the wallet has attested, presented as HAIP has it.
            var tokens = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_data, "tokens.json")))!;
            var issuer = new Uri(IssuerUrl().Match(printed).Groups[1].Value);
            var verifier = new Uri(VerifierUrl().Match(printed).Groups[1].Value);
            using var http = new HttpClient();
            async Task<JsonNode> PostAsync(Uri url, string token, string body)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, text);
                return JsonNode.Parse(text)!;
            }
            var offer = await PostAsync(new Uri(issuer, "/api/offers"), (string)tokens["issuer"]!["token"]!,
                """{"credential_configuration_ids":["LegalPerson_dc_sd_jwt"],"claims":{"LegalPerson_dc_sd_jwt":{"legal_name":"Example Cloud GmbH","headquarters_country":"DE"}}}""");
            var received = await WalletCli.RunAsync(_data, [receive[0], (string)offer["offer_uri"]!, .. (string?)offer["tx_code"] is { } code ? new[] { "--tx-code", code } : [], .. receive[4..], "--wallet", wallet]);
            Assert.True(received.ExitCode == 0, received.ToString());
            var presentation = await PostAsync(new Uri(verifier, "/api/presentation-requests"), (string)tokens["verifier"]!["token"]!,
                WalletCliTests.LegalPersonSdJwtRequest.Replace("{ISSUER}", issuer.ToString().TrimEnd('/'), StringComparison.Ordinal));
            Assert.StartsWith("x509_hash:", (string)presentation["client_id"]!, StringComparison.Ordinal);
            var present = WalletArguments(printed, "present");
            present[1] = (string)presentation["authorization_request_uri"]!;

            var presented = await WalletCli.RunAsync(_data, [.. present, "--wallet", wallet]);

            Assert.True(presented.ExitCode == 0, presented.ToString());
        }
        finally
        {
            await stop.CancelAsync();
            await run;
            stop.Dispose();
        }
    }

    [Fact]
    public async Task Haip_with_demo_is_one_line_and_exit_code_2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await DevHostCommand.RunAsync(["--haip", "--demo"], output, error, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Contains("--haip and --demo", error.ToString(), StringComparison.Ordinal);
    }
}
