using System.Text.Json;
using GaiaX.Oid4vc.Compliance.Filters;
using GaiaX.Oid4vc.Compliance.Ontologies;
using GaiaX.Oid4vc.Compliance.Registry;

namespace GaiaX.Oid4vc.Compliance.Labels;

/// <summary>
/// Grants label levels on top of Standard Compliance (which the filter chain decides) from the criteria of the Compliance
/// Document as data. Evidence comes in <c>gx:ComplianceCriteria</c> credentials whose subject names what it is about
/// (<c>gx:assignedTo</c>: a service offering, or the provider's <c>gx:LegalPerson</c>) and answers criteria
/// (<c>gx:criteria</c>: <c>{"gx:P1.1.1": {"gx:response": "Confirm"}}</c>, the answers of the Gaia-X criteria
/// questionnaire; a personal-data criterion may be answered <c>"Not applicable"</c> with a <c>gx:reason</c>): issued by the
/// provider it is a declaration, by a conformity assessment body the registry trusts
/// (role <c>conformity-assessment-body</c>) a certification. Technical criteria are checked on the claims.
/// </summary>
public sealed class LabelLevelEvaluator(IGaiaXRegistry registry)
{
    public const string ConformityAssessmentBodyRole = "conformity-assessment-body";

    /// <summary>Criterion P1.2.9: the offering's credential conforms (the chain has passed it).</summary>
    public const string ServiceOfferingConforms = "service-offering-conforms";

    /// <summary>Criterion P1.3.2: the provider is a presented legal person with a notarised registration number.</summary>
    public const string ProviderVerified = "provider-verified";

    /// <summary>Criterion P5.1.4 at Level 3: the provider's headquarters and legal address are in the EU/EEA.</summary>
    public const string ProviderHeadquartersInEuEea = "provider-headquarters-eu-eea";

    private static readonly LabelLevel[] Labels = [LabelLevel.L1, LabelLevel.L2, LabelLevel.L3];

    /// <summary>The EU member states and the other EEA states (Iceland, Liechtenstein, Norway), ISO 3166-1 alpha-2.</summary>
    private static readonly HashSet<string> EuEea = new(StringComparer.Ordinal)
    {
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
    };

    /// <summary>The label of a compliant presentation (the chain found no failure).</summary>
    public async Task<LabelDecision> EvaluateAsync(ComplianceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var offerings = context
            .Credentials.SelectMany(c =>
                c.Subjects.Where(s => c.HasType("ServiceOffering") || CredentialJson.Types(s).Contains("ServiceOffering"))
                    .Select(s => (Credential: c, Subject: s))
            )
            .Where(o => CredentialJson.Id(o.Subject) is not null)
            .ToArray();
        var criteria = CriteriaOf(offerings.Length > 0 ? offerings[0].Credential.Ontology : null);
        if (offerings.Length == 0)
        {
            return LabelDecision.StandardCompliance(criteria.Version);
        }

        var bodies = await registry.GetTrustedIssuersAsync(ConformityAssessmentBodyRole, cancellationToken).ConfigureAwait(false);
        var evidence = Evidence.From(context.Credentials);
        // A provider speaks for itself: only a LegalPerson its own DID issued (its id that DID or a DID URL of it) counts.
        var legalPersons = context
            .Credentials.Where(c => c.HasType("LegalPerson"))
            .SelectMany(c => c.Subjects.Select(s => (Credential: c, Subject: s)))
            .Where(p => IsUnder(CredentialJson.Id(p.Subject), p.Credential.Issuer))
            .GroupBy(p => CredentialJson.Id(p.Subject)!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var labels = new List<OfferingLabel>();
        foreach (var (credential, subject) in offerings)
        {
            var offeringId = CredentialJson.Id(subject)!;
            var providerId = CredentialJson.Values(subject, "providedBy").Select(CredentialJson.Id).OfType<string>().FirstOrDefault();
            (AssessedCredential Credential, JsonElement Subject)? provider =
                providerId is not null && legalPersons.TryGetValue(providerId, out var found) ? found : null;
            var judge = new Judge(
                evidence,
                bodies,
                provider?.Credential.Issuer,
                offeringId,
                providerId,
                provider?.Subject,
                credential.Issuer
            );
            var outcomes = Labels.Select(level => judge.Outcome(level, criteria.At(level))).ToArray();
            var level = Highest(outcomes);
            // The provider's level: the same outcomes, counting only what is missing about the provider.
            var providerLevel = Highest(
                outcomes
                    .Select(o => o with { Met = !o.Missing.Any(m => criteria.ById(m.Id)?.About == CriterionSubject.Provider) })
                    .ToArray()
            );
            labels.Add(new OfferingLabel(offeringId, providerId, level, providerLevel, outcomes));
        }
        var granted = labels.Min(l => l.Level);
        var validated = granted == LabelLevel.SC ? [] : criteria.At(granted).Select(criteria.UriOf).ToArray();
        return new LabelDecision(granted, criteria.Version, validated, labels);
    }

    /// <summary>The criteria of the credential's ontology version (the default version's when it has none).</summary>
    public static ComplianceCriteria CriteriaOf(OntologyVersion? version)
    {
        var wanted = (version ?? OntologyCatalog.Default).CriteriaVersion;
        return ComplianceCriteria.Find(wanted)
            ?? throw new InvalidOperationException($"No criteria of Compliance Document {wanted} are shipped.");
    }

    /// <summary>Whether <paramref name="id"/> is the DID <paramref name="did"/> or a DID URL of it.</summary>
    private static bool IsUnder(string? id, string? did) =>
        id is not null && did is not null && (id == did || id.StartsWith(did + "#", StringComparison.Ordinal));

    private static LabelLevel Highest(IReadOnlyList<LevelOutcome> outcomes)
    {
        var level = LabelLevel.SC;
        foreach (var outcome in outcomes)
        {
            if (!outcome.Met)
            {
                break;
            }
            level = outcome.Level;
        }
        return level;
    }

    /// <summary>Confirmed criteria per (assigned-to id, issuer).</summary>
    private sealed class Evidence
    {
        private readonly Dictionary<string, List<(string Issuer, HashSet<string> Confirmed, HashSet<string> NotApplicable)>> _byTarget =
            new(StringComparer.Ordinal);

        public static Evidence From(IEnumerable<AssessedCredential> credentials)
        {
            var evidence = new Evidence();
            foreach (var credential in credentials.Where(c => c.HasType("ComplianceCriteria") && c.Issuer is not null))
            {
                foreach (var subject in credential.Subjects)
                {
                    var confirmed = new HashSet<string>(StringComparer.Ordinal);
                    var notApplicable = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var answers in CredentialJson.Values(subject, "criteria").Where(a => a.ValueKind == JsonValueKind.Object))
                    {
                        foreach (var answer in answers.EnumerateObject())
                        {
                            var response = CredentialJson.Values(answer.Value, "response").Select(CredentialJson.Literal).FirstOrDefault();
                            if (response == "Confirm")
                            {
                                confirmed.Add(CredentialJson.LocalName(answer.Name));
                            }
                            else if (response == "Not applicable" && HasReason(answer.Value))
                            {
                                notApplicable.Add(CredentialJson.LocalName(answer.Name));
                            }
                        }
                    }
                    foreach (var target in CredentialJson.Values(subject, "assignedTo").Select(CredentialJson.Id).OfType<string>())
                    {
                        if (!evidence._byTarget.TryGetValue(target, out var list))
                        {
                            evidence._byTarget[target] = list = [];
                        }
                        list.Add((credential.Issuer!, confirmed, notApplicable));
                    }
                }
            }
            return evidence;
        }

        /// <summary>
        /// Whether an acceptable issuer confirms <paramref name="criterion"/> for <paramref name="target"/>, or, where
        /// <paramref name="mayNotApply"/> (a personal-data criterion), declares it not applicable with a reason.
        /// </summary>
        public bool Confirms(string? target, string criterion, Func<string, bool> issuer, bool mayNotApply) =>
            target is not null
            && _byTarget.TryGetValue(target, out var list)
            && list.Any(e => issuer(e.Issuer) && (e.Confirmed.Contains(criterion) || (mayNotApply && e.NotApplicable.Contains(criterion))));

        private static bool HasReason(JsonElement answer) =>
            CredentialJson.Values(answer, "reason").Select(CredentialJson.Literal).Any(r => !string.IsNullOrWhiteSpace(r));
    }

    private sealed class Judge(
        Evidence evidence,
        IReadOnlySet<string> bodies,
        string? providerIssuer,
        string offeringId,
        string? providerId,
        JsonElement? providerSubject,
        string? offeringIssuer
    )
    {
        public LevelOutcome Outcome(LabelLevel level, IEnumerable<Criterion> criteria)
        {
            var missing = new List<MissingCriterion>();
            foreach (var criterion in criteria)
            {
                var kind = criterion.Levels[level];
                if (Problem(criterion, kind) is { } reason)
                {
                    missing.Add(new MissingCriterion(criterion.Id, kind, reason));
                }
            }
            return new LevelOutcome(level, missing.Count == 0, missing);
        }

        private string? Problem(Criterion criterion, EvidenceKind kind)
        {
            var target = criterion.About == CriterionSubject.Provider ? providerId : offeringId;
            var what =
                criterion.About == CriterionSubject.Provider ? $"the provider '{providerId}'" : $"the service offering '{offeringId}'";
            bool ByBody(string issuer) => bodies.Contains(issuer);
            bool ByProvider(string issuer) => issuer == providerIssuer;
            return kind switch
            {
                EvidenceKind.Certification when !evidence.Confirms(target, criterion.Id, ByBody, criterion.PersonalData) =>
                    $"No conformity assessment body the registry trusts confirms {criterion.Id} for {what}.",
                EvidenceKind.Declaration
                    when !evidence.Confirms(target, criterion.Id, i => ByProvider(i) || ByBody(i), criterion.PersonalData) =>
                    $"No declaration by the provider (nor a certification) confirms {criterion.Id} for {what}.",
                EvidenceKind.Technical => Technical(criterion),
                _ => null,
            };
        }

        private string? Technical(Criterion criterion) =>
            criterion.TechnicalCheck switch
            {
                ServiceOfferingConforms => null,
                ProviderVerified => ProviderProblem(),
                ProviderHeadquartersInEuEea => HeadquartersProblem(),
                var other => $"The engine does not run the check '{other}'.",
            };

        /// <summary>
        /// P1.3.2: the provider is a presented, self-issued legal person, and the offering is the provider's own (issued by
        /// it, its id under the provider's DID), so that no one else's evidence or identity can be borrowed.
        /// </summary>
        private string? ProviderProblem()
        {
            if (providerSubject is null)
            {
                return $"The provider '{providerId}' is not presented as a gx:LegalPerson issued by its own DID.";
            }
            if (offeringIssuer != providerIssuer)
            {
                return $"The service offering is issued by '{offeringIssuer}', not by its provider '{providerIssuer}'.";
            }
            return IsUnder(offeringId, providerIssuer)
                ? null
                : $"The service offering's id '{offeringId}' is not its provider's DID '{providerIssuer}' or a DID URL of it.";
        }

        private string? HeadquartersProblem()
        {
            if (providerSubject is not { } subject)
            {
                return $"The provider '{providerId}' is not presented as a gx:LegalPerson issued by its own DID.";
            }
            foreach (var address in new[] { "headquartersAddress", "legalAddress" })
            {
                var codes = CredentialJson
                    .Values(subject, address)
                    .SelectMany(a => CredentialJson.Values(a, "countryCode"))
                    .Select(CredentialJson.Literal)
                    .ToArray();
                if (codes.Length == 0)
                {
                    return $"The provider's gx:{address} has no gx:countryCode.";
                }
                if (codes.FirstOrDefault(c => c is null || c.Length < 2 || !EuEea.Contains(c[..2].ToUpperInvariant())) is { } outside)
                {
                    return $"The provider's gx:{address} is in '{outside}', outside the EU/EEA.";
                }
            }
            return null;
        }
    }
}
