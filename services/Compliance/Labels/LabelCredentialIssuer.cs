using System.Reflection;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Compliance.Filters;
using GaiaX.Oid4vc.Credentials.Keys;
using GaiaX.Oid4vc.Credentials.Status;
using GaiaX.Oid4vc.Credentials.VcJwt;
using GaiaX.Oid4vc.Dapr.StatusLists;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Compliance.Labels;

/// <summary>
/// Turns a compliant assessment into a Gaia-X <c>LabelCredential</c>: a VC-JWT signed by the
/// Compliance service identity whose subject lists each compliant credential with its id, type and
/// the SRI digest of the JWT as received, the label level the assessment earned (<see cref="LabelDecision"/>), the
/// criteria validated (the engine's rules, and the Compliance Document criteria of a level above Standard Compliance by
/// their URIs), and the engine and rules (Compliance Document) versions.
/// </summary>
public sealed class LabelCredentialIssuer(
    ServiceIdentity identity,
    VcJwtIssuer issuer,
    ComplianceFilterChain chain,
    IOptions<ComplianceOptions> options,
    StatusListStore? statusLists = null
)
{
    public const string GaiaXContext = "https://w3id.org/gaia-x/development#";

    /// <summary>This engine's version (<c>gx:engineVersion</c>).</summary>
    public static string EngineVersion { get; } =
        typeof(LabelCredentialIssuer)
            .Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
            ?.InformationalVersion.Split('+')[0]
        ?? "1.0.0";

    /// <summary>The DID the labels are issued under.</summary>
    public string IssuerDid => identity.Did;

    /// <summary>
    /// The label with revocation and suspension entries in this service's own status lists (when it keeps them and
    /// <c>Compliance:CredentialStatus</c> is on), so a participant that stops being compliant can lose its label.
    /// </summary>
    public async Task<string> IssueAsync(ComplianceAssessment assessment, Uri? vcid, CancellationToken cancellationToken)
    {
        var status =
            statusLists is not null && options.Value.CredentialStatus
                ? await statusLists.AllocateAsync(cancellationToken).ConfigureAwait(false)
                : null;
        return Issue(assessment, vcid, status);
    }

    /// <summary>The label, without a status entry unless <paramref name="status"/> names one.</summary>
    public string Issue(ComplianceAssessment assessment, Uri? vcid, StatusAllocation? status = null)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        if (!assessment.IsCompliant)
        {
            throw new InvalidOperationException("Only a compliant assessment is labelled.");
        }
        var settings = options.Value;
        var id = vcid?.AbsoluteUri ?? "urn:uuid:" + Guid.NewGuid().ToString("D");
        var validFrom = assessment.AssessedAt;

        var compliant = new JsonArray();
        foreach (var credential in assessment.Credentials)
        {
            compliant.Add(
                new JsonObject
                {
                    ["id"] = credential.Id,
                    ["type"] = "gx:CompliantCredential",
                    ["gx:credentialType"] = "gx:" + credential.Type,
                    ["digestSRI"] = credential.DigestSri,
                }
            );
        }
        // The criteria a label vouches for: the filters a compliant presentation has passed, and the level's criteria.
        var decision = assessment.Label ?? LabelDecision.StandardCompliance(LabelLevelEvaluator.CriteriaOf(null).Version);
        var criteria = new JsonArray(
            chain
                .Filters.Where(f => f.Scope.HasFlag(ComplianceScope.Presentation))
                .Select(f => f.Name)
                .Concat(decision.ValidatedCriteria)
                .Select(c => (JsonNode)c)
                .ToArray()
        );

        var label = new JsonObject
        {
            ["@context"] = new JsonArray(ParseFilter.CredentialsV2Context, GaiaXContext),
            ["type"] = new JsonArray("VerifiableCredential", "gx:LabelCredential"),
            ["id"] = id,
            ["issuer"] = identity.Did,
            ["validFrom"] = Timestamp(validFrom),
            ["validUntil"] = Timestamp(validFrom + settings.LabelValidity),
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = id + "#cs",
                ["type"] = "gx:LabelCredential",
                ["gx:labelLevel"] = decision.Level.ToString(),
                ["gx:engineVersion"] = EngineVersion,
                ["gx:rulesVersion"] = decision.CriteriaVersion,
                ["gx:validatedCriteria"] = criteria,
                ["gx:compliantCredentials"] = compliant,
            },
        };
        if (status is not null)
        {
            label["credentialStatus"] = StatusListCredentials.BitstringEntries(
                status.RevocationListUrl,
                status.SuspensionListUrl,
                status.Index
            );
        }
        return issuer.Issue(label, identity.SigningKey, identity.Did);
    }

    private static string Timestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
