using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Verifier.Dcql;
using GaiaX.Oid4vc.Verifier.Presentations;
using GaiaX.Oid4vc.Verifier.Requests;
using GaiaX.Oid4vc.Verifier.Status;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Verifier.Responses;

/// <summary>What the response endpoint answers the wallet: a status code and a JSON body.</summary>
public sealed record AuthorizationResponseOutcome(int StatusCode, JsonObject Body)
{
    /// <summary>An OAuth error; the description is brought into RFC 6749's character set (<see cref="ErrorDescription"/>).</summary>
    public static AuthorizationResponseOutcome Error(int status, string error, string description) =>
        new(status, new JsonObject { ["error"] = error, ["error_description"] = OAuthErrorText.Sanitize(description) });
}
