using System.Text.Json;
using GaiaX.Oid4vc.Verifier.Dcql;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>A relying party's request for a presentation, once validated.</summary>
public sealed record CreatePresentationRequestCommand
{
    public required JsonElement DcqlQueryJson { get; init; }

    public required DcqlQuery DcqlQuery { get; init; }

    public string ResponseMode { get; init; } = ResponseModes.DirectPost;

    public string ClientIdPrefix { get; init; } = ClientIdPrefixes.DecentralizedIdentifier;

    public string RequestUriMethod { get; init; } = "get";

    public IReadOnlyList<string>? TransactionData { get; init; }

    public string? RedirectUri { get; init; }

    /// <summary>Whether a verified presentation goes on to the Gaia-X compliance assessment.</summary>
    public bool Compliance { get; init; }

    /// <summary>Where each status change is POSTed as a signed CloudEvent (checked against the SSRF rules).</summary>
    public string? CallbackUrl { get; init; }

    /// <summary>The relying party creating the request (from its token).</summary>
    public string? Owner { get; init; }
}
