using System.Buffers.Text;
using System.Text.Json;
using GaiaX.Oid4vc.Credentials;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.ServiceDefaults.Webhooks;
using GaiaX.Oid4vc.Verifier.Dcql;
using GaiaX.Oid4vc.Verifier.Identity;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>
/// Validates the body of <c>POST /api/presentation-requests</c>. Every problem is named with its
/// member, so a relying party can fix its request from the answer alone.
/// </summary>
public sealed class CreatePresentationRequestValidator(
    DcqlQueryParser dcqlParser,
    IVerifierIdentity identity,
    IWebhookSender webhooks,
    Microsoft.Extensions.Options.IOptions<VerifierOptions> options
)
{
    private const int MaxTransactionData = 16;
    private const int MaxTransactionDataLength = 8 * 1024;

    public CreatePresentationRequestValidation Validate(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return new(null, [new ValidationError("", "the body must be a JSON object")]);
        }
        var errors = new List<string>();

        DcqlQuery? query = null;
        JsonElement queryJson = default;
        if (!body.TryGetProperty("dcql_query", out queryJson))
        {
            errors.Add("dcql_query: is required");
        }
        else
        {
            var parsed = dcqlParser.Parse(queryJson);
            errors.AddRange(parsed.Errors.Select(e => e.StartsWith("dcql_query", StringComparison.Ordinal) ? e : "dcql_query." + e));
            query = parsed.Query;
        }

        var profile = options.Value.Profile;
        var responseMode = OptionalString(body, "response_mode", errors) ?? Profiles.VerifierProfiles.DefaultResponseMode(profile);
        if (!ResponseModes.Supported.Contains(responseMode))
        {
            errors.Add($"response_mode: '{responseMode}' is not supported; use one of {string.Join(", ", ResponseModes.Supported)}");
        }

        var prefix = OptionalString(body, "client_id_prefix", errors) ?? Profiles.VerifierProfiles.DefaultClientIdPrefix(profile);
        if (!ClientIdPrefixes.Supported.Contains(prefix))
        {
            errors.Add($"client_id_prefix: '{prefix}' is not supported; use one of {string.Join(", ", ClientIdPrefixes.Supported)}");
        }
        else if (ClientIdPrefixes.IsX509(prefix) && identity.X509 is null)
        {
            errors.Add($"client_id_prefix: {prefix} is not available: this verifier has no X.509 certificate configured (Verifier:X509)");
        }
        else if (prefix == ClientIdPrefixes.VerifierAttestation && identity.Attestation is null)
        {
            errors.Add(
                $"client_id_prefix: {prefix} is not available: this verifier has no Verifier Attestation JWT configured "
                    + "(Verifier:VerifierAttestation:Path)"
            );
        }
        else if (prefix == ClientIdPrefixes.X509SanDns && identity.X509!.DnsName is null)
        {
            errors.Add(
                $"client_id_prefix: {prefix} is not available: the verifier's certificate names no DNS host (set Verifier:X509 "
                    + "or use x509_hash)"
            );
        }

        var method = OptionalString(body, "request_uri_method", errors) ?? "get";
        if (method is not ("get" or "post"))
        {
            errors.Add($"request_uri_method: must be 'get' or 'post' (case-sensitive), not '{method}'");
        }

        var redirectUri = OptionalString(body, "redirect_uri", errors);
        if (
            redirectUri is not null
            && (
                !Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect)
                || (redirect.Scheme != Uri.UriSchemeHttps && !(redirect.Scheme == Uri.UriSchemeHttp && redirect.IsLoopback))
                || redirect.Fragment.Length > 0
            )
        )
        {
            errors.Add("redirect_uri: must be an absolute https URL (http only for loopback) without a fragment");
        }

        var callbackUrl = OptionalString(body, "callback_url", errors);
        if (callbackUrl is not null && webhooks.Check(callbackUrl) is { } callbackProblem)
        {
            errors.Add("callback_url: " + callbackProblem);
        }

        var compliance = false;
        if (body.TryGetProperty("compliance", out var complianceJson))
        {
            if (complianceJson.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                compliance = complianceJson.GetBoolean();
            }
            else
            {
                errors.Add("compliance: must be true or false");
            }
        }

        IReadOnlyList<string>? transactionData = null;
        if (body.TryGetProperty("transaction_data", out var transactionJson))
        {
            transactionData = ValidateTransactionData(transactionJson, query, errors);
        }

        errors.AddRange(Profiles.VerifierProfiles.Violations(profile, responseMode, prefix, query));

        if (errors.Count > 0 || query is null)
        {
            return new(null, errors.Select(Locate).ToList());
        }
        return new(
            new CreatePresentationRequestCommand
            {
                DcqlQueryJson = queryJson.Clone(),
                DcqlQuery = query,
                ResponseMode = responseMode,
                ClientIdPrefix = prefix,
                RequestUriMethod = method,
                TransactionData = transactionData,
                RedirectUri = redirectUri,
                Compliance = compliance,
                CallbackUrl = callbackUrl,
            },
            []
        );
    }

    /// <summary>
    /// A problem as the checks here and the DCQL parser word it, <c>dcql_query.credentials[0].format: is
    /// required</c>, as the member it points at (<c>/dcql_query/credentials/0/format</c>) and what is wrong.
    /// The locations are built from member names of the request's schema and array indexes only.
    /// </summary>
    private static ValidationError Locate(string error)
    {
        var colon = error.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0 || error.AsSpan(0, colon).ContainsAny(' ', '\''))
        {
            return new ValidationError("", error);
        }
        var tokens = error[..colon].Split('.').SelectMany(part => part.Split('[')).Select(token => token.TrimEnd(']'));
        return ValidationError.At(error[(colon + 2)..], tokens);
    }

    /// <summary>
    /// Each entry is a base64url-encoded JSON object with a <c>type</c> and <c>credential_ids</c>
    /// naming credential queries of the DCQL query (§5.1).
    /// </summary>
    private static List<string>? ValidateTransactionData(JsonElement json, DcqlQuery? query, List<string> errors)
    {
        if (json.ValueKind != JsonValueKind.Array || json.GetArrayLength() == 0 || json.GetArrayLength() > MaxTransactionData)
        {
            errors.Add($"transaction_data: must be a non-empty array of at most {MaxTransactionData} base64url strings");
            return null;
        }
        var result = new List<string>();
        var i = 0;
        foreach (var item in json.EnumerateArray())
        {
            var at = $"transaction_data[{i++}]";
            if (item.ValueKind != JsonValueKind.String || item.GetString()!.Length > MaxTransactionDataLength)
            {
                errors.Add($"{at}: must be a base64url string of at most {MaxTransactionDataLength} characters");
                continue;
            }
            var encoded = item.GetString()!;
            // Decoded with the request-body reader: ids that are not Unicode text are refused here,
            // not thrown when they are compared with the query's.
            JsonDocument? document;
            try
            {
                (document, _) = JsonRequestBody.Parse(Base64Url.DecodeFromChars(encoded));
            }
            catch (FormatException)
            {
                document = null;
            }
            if (document is null)
            {
                errors.Add($"{at}: is not base64url-encoded JSON text");
                continue;
            }
            using (document)
            {
                var root = document.RootElement;
                if (
                    root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("type", out var type)
                    || type.ValueKind != JsonValueKind.String
                )
                {
                    errors.Add($"{at}: must be an object with a string 'type'");
                    continue;
                }
                if (
                    !root.TryGetProperty("credential_ids", out var ids)
                    || ids.ValueKind != JsonValueKind.Array
                    || ids.GetArrayLength() == 0
                    || ids.EnumerateArray().Any(id => id.ValueKind != JsonValueKind.String)
                )
                {
                    errors.Add($"{at}.credential_ids: must be a non-empty array of credential query ids");
                    continue;
                }
                foreach (
                    var id in ids.EnumerateArray().Select(id => id.GetString()!).Where(id => query is not null && query.Find(id) is null)
                )
                {
                    errors.Add($"{at}.credential_ids: '{id}' is not a credential query id of dcql_query");
                }
                foreach (var id in ids.EnumerateArray().Select(id => id.GetString()!))
                {
                    if (
                        query?.Find(id) is { } credential
                        && (credential.Format != CredentialFormats.SdJwtVc || !credential.RequireCryptographicHolderBinding)
                    )
                    {
                        errors.Add(
                            $"{at}.credential_ids: '{id}' must be a dc+sd-jwt credential query with holder binding to carry "
                                + $"transaction data"
                        );
                    }
                }
            }
            result.Add(encoded);
        }
        return result;
    }

    private static string? OptionalString(JsonElement body, string name, List<string> errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{name}: must be a string");
            return null;
        }
        return value.GetString();
    }
}
