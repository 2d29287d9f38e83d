using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>PKCE (RFC 7636) with S256 only: the plain method is not offered.</summary>
public sealed record Pkce(string Verifier, string Challenge)
{
    public const string Method = "S256";

    public static Pkce Create()
    {
        // 32 random bytes → a 43-character verifier, the minimum length RFC 7636 §4.1 allows, full entropy.
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return new Pkce(verifier, ChallengeOf(verifier));
    }

    public static string ChallengeOf(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
