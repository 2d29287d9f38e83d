using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using GaiaX.Oid4vc.Wallet;
using GaiaX.Oid4vc.Wallet.Cli;
using GaiaX.Oid4vc.Wallet.Presentation;

// gaiax-wallet: the reference wallet on the command line (usage: CliArguments.Usage). A wallet is a folder
// (WalletFolder): holder.pem (the ES256 key), holder.txt (the holder's did:jwk), credentials/*.txt.
// Exit codes: 0 done, 1 the protocol failed or the wallet refused, 2 the command line or a file is wrong.
var (cli, usageError) = CliArguments.Parse(args);
if (cli is null)
{
    Console.Error.WriteLine($"error: {usageError}");
    Console.Error.WriteLine(CliArguments.Usage);
    return 2;
}
if (cli.Help)
{
    Console.WriteLine(CliArguments.Usage);
    return 0;
}

// The trust anchors are checked before anything touches the network or the wallet folder: a named file
// that is not there is a mistake, and a presentation without an anchor could only be refused later.
var trustCa = Path.GetFullPath(cli.TrustCa ?? CliArguments.DefaultTrustCa);
X509Certificate2[] anchors = [];
if (cli.TrustCa is not null && !File.Exists(trustCa))
{
    Console.Error.WriteLine($"error: --trust-ca {trustCa}: no such file");
    return 2;
}
if (cli.TrustCa is null && !File.Exists(trustCa) && cli.Command is "present" or "decline")
{
    Console.Error.WriteLine(
        $"error: no trust anchor: tried {trustCa} (the development CA of a DevHost started in this checkout); "
            + "pass --trust-ca <PEM> with the CA the verifier's request object chains to"
    );
    return 2;
}
if (File.Exists(trustCa))
{
    try
    {
        anchors = [X509Certificate2.CreateFromPem(File.ReadAllText(trustCa))];
    }
    catch (CryptographicException ex)
    {
        Console.Error.WriteLine($"error: {trustCa} is not a PEM certificate: {ex.Message}");
        return 2;
    }
}

// --haip: the development wallet provider DevHost --haip trusts attests this wallet; its key must be there.
GaiaX.Oid4vc.Wallet.Attestation.WalletProvider? provider = null;
if (cli.Haip)
{
    var providerKey = Path.GetFullPath(cli.WalletProviderKey ?? CliArguments.DefaultWalletProviderKey);
    if (!File.Exists(providerKey))
    {
        Console.Error.WriteLine(
            $"error: --haip: no wallet provider key at {providerKey}; start DevHost with --haip (it writes the key) or pass "
                + "--wallet-provider-key <PEM>"
        );
        return 2;
    }
    try
    {
        provider = GaiaX.Oid4vc.Wallet.Attestation.WalletProvider.LoadDevelopment(providerKey, TimeProvider.System);
    }
    catch (Exception ex) when (ex is CryptographicException or ArgumentException)
    {
        Console.Error.WriteLine($"error: {providerKey} holds no EC private key in PEM: {ex.Message}");
        return 2;
    }
}
using var walletProvider = provider;

var store = WalletFolder.Open(cli.Wallet);
if (store.ReplacedHolder is { } replaced)
{
    Console.Error.WriteLine($"note: holder identifier {replaced} replaced by the key's did:jwk (verifiers resolve only a DID)");
}
using var holderKey = store.HolderKey;
using var wallet = new ReferenceWallet(
    holderKey,
    store.Holder,
    provider is null
        ? new ReferenceWalletOptions { TrustAnchors = anchors, AllowLoopback = cli.AllowLoopback }
        : new ReferenceWalletOptions { TrustAnchors = anchors, AllowLoopback = cli.AllowLoopback }.WithHaip(provider),
    TimeProvider.System
);
foreach (var credential in store.ReadCredentials())
{
    wallet.Store(credential);
}

try
{
    switch (cli.Command)
    {
        case "receive":
            foreach (var credential in await wallet.ReceiveAsync(cli.Target!, cli.TxCode, Console.WriteLine).ConfigureAwait(false))
            {
                var name = store.SaveCredential(credential.Raw, TimeProvider.System.GetUtcNow());
                Console.WriteLine(
                    $"stored {credential.Format} [{string.Join(", ", credential.Types.DefaultIfEmpty(credential.Vct ?? "?"))}] in {name}"
                );
            }
            return 0;
        case "present":
            var result = await wallet.PresentAsync(cli.Target!).ConfigureAwait(false);
            Console.WriteLine(
                $"the verifier answered "
                    + $"{result.StatusCode}{(result.RedirectUri is null ? string.Empty : ", redirect_uri " + result.RedirectUri)}"
            );
            return 0;
        case "decline":
            var declined = await wallet.DeclineAsync(cli.Target!).ConfigureAwait(false);
            Console.WriteLine(
                $"declined: told the verifier error=access_denied, error_description={Oid4vpResponder.DeclinedDescription} "
                    + $"(it answered {declined.StatusCode})"
            );
            return 1;
        default:
            foreach (var credential in wallet.Credentials)
            {
                var status = cli.Status ? await wallet.CheckStatusAsync(credential).ConfigureAwait(false) : null;
                var reason = status?.Reason is null ? string.Empty : ", " + status.Reason;
                var statusText =
                    !cli.Status ? string.Empty
                    : status is null ? " (status: none; the issuer gave it no status list)"
                    : $" (status: {status.State.ToString().ToLowerInvariant()}{reason})";
                Console.WriteLine($"{credential.Format} from {credential.Issuer}{statusText}:");
                Console.WriteLine(JsonSerializer.Serialize(credential.Claims, new JsonSerializerOptions { WriteIndented = true }));
            }
            return 0;
    }
}
catch (WalletProtocolException ex) when (ex.ReportedToVerifier)
{
    Console.Error.WriteLine(
        $"refused: told the verifier error={ex.Error}{(ex.Description is null ? string.Empty : ", error_description=" + ex.Description)}"
    );
    return 1;
}
catch (WalletProtocolException ex)
{
    Console.Error.WriteLine($"error: {ex.Error}{(ex.Description is null ? string.Empty : " — " + ex.Description)}");
    return 1;
}
catch (HttpRequestException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}
