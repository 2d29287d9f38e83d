using GaiaX.Oid4vc.Credentials;
using GaiaX.Oid4vc.Verifier.Dcql;
using GaiaX.Oid4vc.Verifier.Requests;

namespace GaiaX.Oid4vc.Verifier.Profiles;

/// <summary>
/// The one place that says what a conformance profile of the Verifier requires (<c>Verifier:Profile</c>). <c>haip</c>
/// (OpenID4VC High Assurance Interoperability Profile 1.0): requests signed under <c>x509_hash</c>, responses encrypted
/// (<c>direct_post.jwt</c>), credentials in a HAIP format (<c>dc+sd-jwt</c>; <c>mso_mdoc</c> is not supported here).
/// Always on, whatever the profile: signed request objects by reference, DCQL, holder binding checks.
/// </summary>
public static class VerifierProfiles
{
    public const string Haip = "haip";

    /// <summary>What <c>haip</c> requires of a presentation request, as the documentation lists it.</summary>
    public static IReadOnlyList<string> HaipRules { get; } =
    [
        "client_id_prefix x509_hash (the default under the profile)",
        "response_mode direct_post.jwt (the default under the profile)",
        "credential formats dc+sd-jwt only",
    ];

    /// <summary>The response mode a request gets when it names none.</summary>
    public static string DefaultResponseMode(string profile) => profile == Haip ? ResponseModes.DirectPostJwt : ResponseModes.DirectPost;

    /// <summary>The client identifier prefix a request gets when it names none.</summary>
    public static string DefaultClientIdPrefix(string profile) =>
        profile == Haip ? ClientIdPrefixes.X509Hash : ClientIdPrefixes.DecentralizedIdentifier;

    /// <summary>Why a request breaks the profile (member: problem), none when it keeps it.</summary>
    public static IEnumerable<string> Violations(string profile, string responseMode, string prefix, DcqlQuery? query)
    {
        if (profile != Haip)
        {
            yield break;
        }
        if (responseMode != ResponseModes.DirectPostJwt)
        {
            yield return $"response_mode: '{responseMode}' is not allowed under the haip profile; use direct_post.jwt";
        }
        if (prefix != ClientIdPrefixes.X509Hash)
        {
            yield return $"client_id_prefix: '{prefix}' is not allowed under the haip profile; use x509_hash";
        }
        foreach (var (credential, index) in (query?.Credentials ?? []).Select((c, i) => (c, i)))
        {
            if (credential.Format != CredentialFormats.SdJwtVc)
            {
                yield return $"dcql_query.credentials[{index}].format: '{credential.Format}' is not a HAIP format; use dc+sd-jwt";
            }
        }
    }
}
