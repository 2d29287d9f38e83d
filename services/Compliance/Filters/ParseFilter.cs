using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// Parses the input: a VP-JWT whose <c>verifiableCredential</c> entries are
/// <c>EnvelopedVerifiableCredential</c>s holding VC-JWTs as <c>data:application/vc+jwt,</c> URLs, or a
/// single VC-JWT; each credential must have the VCDM 2.0 shape. The chain stops here only when the
/// input itself cannot be read.
/// </summary>
public sealed class ParseFilter : IComplianceFilter
{
    public const string CredentialsV2Context = "https://www.w3.org/ns/credentials/v2";
    private const string EnvelopePrefix = "data:application/vc+jwt,";

    /// <summary>A presentation carrying more credentials than this is refused (bounded work per request).</summary>
    public const int MaxCredentials = 64;

    public string Name => "Parse";

    public string Criterion => "The input is a VP-JWT whose credentials are enveloped VC-JWTs in the VCDM 2.0 shape";

    public ComplianceScope Scope => ComplianceScope.Both;

    public ValueTask<FilterVerdict> ApplyAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(
            context.Scope == ComplianceScope.Presentation ? ParsePresentation(context) : ParseSingleCredential(context)
        );
    }

    private FilterVerdict ParseSingleCredential(ComplianceContext context)
    {
        var credential = ParseCredential(context, context.Input.Trim(), "credential");
        return credential is null ? FilterVerdict.Stop : FilterVerdict.Continue;
    }

    private FilterVerdict ParsePresentation(ComplianceContext context)
    {
        var parsed = 0;
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < context.Inputs.Count; p++)
        {
            var label = context.Inputs.Count == 1 ? ComplianceContext.PresentationLabel : $"{ComplianceContext.PresentationLabel}[{p}]";
            var verdict = ParsePresentation(
                context,
                context.Inputs[p].Trim(),
                label,
                context.Inputs.Count == 1 ? "" : label + ".",
                seenIds
            );
            parsed += verdict == FilterVerdict.Continue ? 1 : 0;
        }
        // Later filters have something to check as long as one presentation could be read.
        return parsed > 0 ? FilterVerdict.Continue : FilterVerdict.Stop;
    }

    private FilterVerdict ParsePresentation(
        ComplianceContext context,
        string compact,
        string presentationLabel,
        string entryPrefix,
        HashSet<string> seenIds
    )
    {
        if (ReadJws(compact, "presentation", out var problem) is not { } parts)
        {
            context.AddFailure(this, presentationLabel, problem);
            return FilterVerdict.Stop;
        }
        context.Own(parts);
        var vp = new AssessedJwt(presentationLabel, parts);
        context.AddPresentation(vp);
        var body = vp.Payload;

        CheckContext(context, vp, "presentation");
        if (!CredentialJson.Types(body).Contains("VerifiablePresentation"))
        {
            context.AddFailure(this, vp, "The presentation's type does not contain 'VerifiablePresentation'.");
        }

        if (
            !body.TryGetProperty("verifiableCredential", out var entries)
            || entries.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object)
        )
        {
            context.AddFailure(this, vp, "The presentation has no verifiableCredential.");
            return FilterVerdict.Continue;
        }
        var list = entries.ValueKind == JsonValueKind.Array ? entries.EnumerateArray().ToArray() : [entries];
        if (list.Length == 0)
        {
            context.AddFailure(this, vp, "The presentation's verifiableCredential is empty.");
            return FilterVerdict.Continue;
        }
        if (list.Length + context.Credentials.Count > MaxCredentials)
        {
            context.AddFailure(
                this,
                vp,
                $"The presentation carries {list.Length} credentials; at most {MaxCredentials} are assessed at once."
            );
            return FilterVerdict.Stop;
        }

        for (var i = 0; i < list.Length; i++)
        {
            var label = $"{entryPrefix}verifiableCredential[{i}]";
            var entry = list[i];
            if (entry.ValueKind != JsonValueKind.Object || !CredentialJson.Types(entry).Contains("EnvelopedVerifiableCredential"))
            {
                context.AddFailure(
                    this,
                    label,
                    "The entry is not an EnvelopedVerifiableCredential (credentials are accepted only as enveloped VC-JWTs)."
                );
                continue;
            }
            var id = CredentialJson.Id(entry);
            if (id is null || !id.StartsWith(EnvelopePrefix, StringComparison.Ordinal))
            {
                context.AddFailure(this, label, $"The enveloped credential's id is not a '{EnvelopePrefix}<jwt>' data URL.");
                continue;
            }
            var credential = ParseCredential(context, id[EnvelopePrefix.Length..], label);
            if (credential is not null)
            {
                credential.Presentation = vp;
            }
            if (credential?.Id is { } credentialId && !seenIds.Add(credentialId))
            {
                context.AddFailure(this, credential, "The presentation holds two credentials with this id.");
            }
        }
        return FilterVerdict.Continue;
    }

    private AssessedCredential? ParseCredential(ComplianceContext context, string compact, string label)
    {
        if (ReadJws(compact, "credential", out var problem) is not { } parts)
        {
            context.AddFailure(this, label, problem);
            return null;
        }
        context.Own(parts);
        var credential = new AssessedCredential(label, parts);
        if (credential.Id is { Length: > 0 } id)
        {
            credential.Label = id;
        }
        else
        {
            // The label credential lists compliant credentials by id, so an anonymous one cannot be labelled.
            context.AddFailure(this, credential, "The credential has no id.");
        }
        context.AddCredential(credential);

        CheckContext(context, credential, "credential");
        if (!credential.HasType("VerifiableCredential"))
        {
            context.AddFailure(this, credential, "The credential's type does not contain 'VerifiableCredential'.");
        }
        if (credential.Issuer is null)
        {
            context.AddFailure(this, credential, "The credential has no issuer.");
        }
        if (!credential.Subjects.Any())
        {
            context.AddFailure(this, credential, "The credential has no credentialSubject object.");
        }
        return credential;
    }

    /// <summary>The parts of a signed compact JWS as the credential core reads them, or what keeps it from being one.</summary>
    private static JwsParts? ReadJws(string compact, string what, out string problem)
    {
        var parsed = Jws.ParseParts(compact);
        if (!parsed.Succeeded)
        {
            var reason = parsed.Error!.Message;
            problem = $"The {what} is not a compact JWS: {char.ToLowerInvariant(reason[0])}{reason[1..]}";
            return null;
        }
        if (parsed.Value!.Signature.IsEmpty)
        {
            parsed.Value.Dispose();
            problem = $"The {what} has no signature.";
            return null;
        }
        problem = string.Empty;
        return parsed.Value;
    }

    private void CheckContext(ComplianceContext context, AssessedJwt item, string what)
    {
        // VC-JOSE-COSE: the payload is the credential or presentation itself; the JWT claims of the
        // older VC-JWT encoding (vc, vp) MUST NOT be present.
        foreach (var claim in new[] { "vc", "vp" })
        {
            if (item.Payload.TryGetProperty(claim, out _))
            {
                context.AddFailure(
                    this,
                    item,
                    $"The {what}'s JWT carries a '{claim}' claim, which VC-JOSE-COSE forbids (the payload is the {what} itself)."
                );
            }
        }
        if (
            !item.Payload.TryGetProperty("@context", out var ldContext)
            || ldContext.ValueKind != JsonValueKind.Array
            || ldContext.GetArrayLength() == 0
            || ldContext[0].ValueKind != JsonValueKind.String
            || ldContext[0].GetString() != CredentialsV2Context
        )
        {
            context.AddFailure(this, item, $"The {what}'s @context does not start with '{CredentialsV2Context}'.");
        }
    }
}
