using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using GaiaX.Oid4vc.Wallet;

// gaiax-wallet: the reference wallet on the command line. A wallet is a folder (WalletFolder): holder.pem
// (the ES256 key), holder.txt (the holder's did:jwk), credentials/*.txt (one credential per file).
//   receive <offer-uri> [--tx-code CODE]   take every credential of a pre-authorized offer
//   present <openid4vp-uri>                answer a presentation request with the stored credentials
//   list                                   show the stored credentials (decoded)
// Common: --wallet DIR (default ./.wallet), --trust-ca PEM (default .devhost-data/dev-ca/ca.crt),
//         --allow-loopback (DevHost on 127.0.0.1: plain HTTP and loopback addresses).
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(
        "usage: gaiax-wallet receive <offer-uri> [--tx-code CODE] | present <openid4vp-uri> | list   [--wallet DIR] [--trust-ca "
            + "PEM] [--allow-loopback]"
    );
    return args.Length == 0 ? 2 : 0;
}

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
var folder = Option("--wallet") ?? ".wallet";
var trustCa = Option("--trust-ca") ?? Path.Combine(".devhost-data", "dev-ca", "ca.crt");
var store = WalletFolder.Open(folder);
if (store.ReplacedHolder is { } replaced)
{
    Console.Error.WriteLine($"note: holder identifier {replaced} replaced by the key's did:jwk (verifiers resolve only a DID)");
}
using var holderKey = store.HolderKey;
var holder = store.Holder;

var anchors = File.Exists(trustCa) ? [X509Certificate2.CreateFromPem(File.ReadAllText(trustCa))] : Array.Empty<X509Certificate2>();
using var wallet = new ReferenceWallet(
    holderKey,
    holder,
    new ReferenceWalletOptions { TrustAnchors = anchors, AllowLoopback = args.Contains("--allow-loopback") },
    TimeProvider.System
);
foreach (var credential in store.ReadCredentials())
{
    wallet.Store(credential);
}

try
{
    switch (args[0])
    {
        case "receive" when args.Length > 1:
            foreach (var credential in await wallet.ReceiveAsync(args[1], Option("--tx-code"), Console.WriteLine).ConfigureAwait(false))
            {
                var name = store.SaveCredential(credential.Raw, TimeProvider.System.GetUtcNow());
                Console.WriteLine(
                    $"stored {credential.Format} [{string.Join(", ", credential.Types.DefaultIfEmpty(credential.Vct ?? "?"))}] in {name}"
                );
            }
            return 0;
        case "present" when args.Length > 1:
            var result = await wallet.PresentAsync(args[1]).ConfigureAwait(false);
            Console.WriteLine(
                $"the verifier answered "
                    + $"{result.StatusCode}{(result.RedirectUri is null ? string.Empty : ", redirect_uri " + result.RedirectUri)}"
            );
            return 0;
        case "list":
            foreach (var credential in wallet.Credentials)
            {
                Console.WriteLine($"{credential.Format} from {credential.Issuer}:");
                Console.WriteLine(JsonSerializer.Serialize(credential.Claims, new JsonSerializerOptions { WriteIndented = true }));
            }
            return 0;
        default:
            Console.Error.WriteLine($"unknown command or missing argument: {string.Join(' ', args)}");
            return 2;
    }
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
