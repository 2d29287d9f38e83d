using GaiaX.Oid4vc.Credentials.Hosting;

namespace GaiaX.Oid4vc.Wallet.Cli;

/// <summary>
/// The parsed command line. Parsing is strict: an unknown option or a missing value is an error with
/// the usage text, because a mistyped <c>--trust-ca</c> silently ignored is how a wallet ends up
/// trusting nothing (or the wrong thing) without saying so.
/// </summary>
internal sealed class CliArguments
{
    /// <summary>Where the development CA of a DevHost started in the current directory is.</summary>
    public static string DefaultTrustCa => Path.Combine(DevelopmentDataFolder.Resolve(), "dev-ca", "ca.crt");

    public const string Usage = """
        usage: gaiax-wallet <command> [options]
          receive <offer-uri> [--tx-code CODE]  take every credential of a pre-authorized offer (waits for deferred ones)
          present <openid4vp-uri>               answer a presentation request with the stored credentials
          decline <openid4vp-uri>               refuse a presentation request (the verifier is told access_denied)
          list [--status]                       show the stored credentials, decoded; with --status, what their
                                                issuers' status lists say (valid, revoked, suspended, unknown)
        options:
          --wallet DIR      the wallet folder (default ./.wallet; created with mode 0700 and a .gitignore)
          --trust-ca PEM    the CA a verifier's request object must chain to (default: the development CA of
                            DevHost, .devhost-data/dev-ca/ca.crt at the root of this checkout)
          --allow-loopback  allow plain HTTP and loopback addresses (DevHost on 127.0.0.1)
          --haip            as a HAIP wallet: attested by DevHost's development wallet provider (client and key
                            attestations), DPoP-bound tokens, encrypted credential requests and responses
          --wallet-provider-key PEM  that provider's key (default .devhost-data/wallet-provider/key.pem at the
                            root of this checkout, written by DevHost --haip)
          -h, --help        show this text
        """;

    private static readonly string[] ValueOptions = ["--wallet", "--trust-ca", "--tx-code", "--wallet-provider-key"];

    /// <summary>Where DevHost started in this checkout keeps its development wallet provider's key.</summary>
    public static string DefaultWalletProviderKey => Attestation.WalletProvider.DevelopmentKeyPath(DevelopmentDataFolder.Resolve());

    public string Command { get; private init; } = string.Empty;

    public string? Target { get; private init; }

    public string Wallet { get; private init; } = ".wallet";

    /// <summary>The --trust-ca value; null when not given (then <see cref="DefaultTrustCa"/> applies).</summary>
    public string? TrustCa { get; private init; }

    public string? TxCode { get; private init; }

    public bool AllowLoopback { get; private init; }

    /// <summary><c>--haip</c>: act as a HAIP wallet attested by the development wallet provider.</summary>
    public bool Haip { get; private init; }

    /// <summary>The --wallet-provider-key value; null when not given (then <see cref="DefaultWalletProviderKey"/> applies).</summary>
    public string? WalletProviderKey { get; private init; }

    /// <summary><c>list --status</c>: read each credential's status at its issuer's lists.</summary>
    public bool Status { get; private init; }

    public bool Help { get; private init; }

    /// <summary>The arguments, or the one-line reason they are not a valid command line.</summary>
    public static (CliArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        var positional = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var allowLoopback = false;
        var status = false;
        var haip = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                return (new CliArguments { Help = true }, null);
            }
            if (arg == "--allow-loopback")
            {
                allowLoopback = true;
            }
            else if (arg == "--status")
            {
                status = true;
            }
            else if (arg == "--haip")
            {
                haip = true;
            }
            else if (ValueOptions.Contains(arg))
            {
                if (i + 1 >= args.Count)
                {
                    return (null, $"{arg} needs a value");
                }
                values[arg] = args[++i];
            }
            else if (arg.StartsWith('-') && arg.Length > 1)
            {
                return (null, $"unknown option {arg}");
            }
            else
            {
                positional.Add(arg);
            }
        }
        if (positional.Count == 0)
        {
            return (null, "no command given");
        }
        var command = positional[0];
        var expected = command switch
        {
            "receive" or "present" or "decline" => 2,
            "list" => 1,
            _ => -1,
        };
        if (expected < 0)
        {
            return (null, $"unknown command {command}");
        }
        if (positional.Count != expected)
        {
            return (null, expected == 2 ? $"{command} needs exactly one URI" : $"{command} takes no arguments");
        }
        if (values.ContainsKey("--tx-code") && command != "receive")
        {
            return (null, "--tx-code belongs to receive");
        }
        if (status && command != "list")
        {
            return (null, "--status belongs to list");
        }
        if (values.ContainsKey("--wallet-provider-key") && !haip)
        {
            return (null, "--wallet-provider-key belongs to --haip");
        }
        return (
            new CliArguments
            {
                Command = command,
                Target = expected == 2 ? positional[1] : null,
                Wallet = values.GetValueOrDefault("--wallet", ".wallet"),
                TrustCa = values.GetValueOrDefault("--trust-ca"),
                TxCode = values.GetValueOrDefault("--tx-code"),
                AllowLoopback = allowLoopback,
                Status = status,
                Haip = haip,
                WalletProviderKey = values.GetValueOrDefault("--wallet-provider-key"),
            },
            null
        );
    }
}
