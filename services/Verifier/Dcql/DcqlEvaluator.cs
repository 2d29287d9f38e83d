using System.Text.Json;

namespace GaiaX.Oid4vc.Verifier.Dcql;

/// <summary>
/// Checks what a wallet presented against the DCQL query of the request (OpenID4VP 1.0 §6.4 and
/// §8.6): each presentation against its credential query (format, meta, holder binding, claims and
/// allowed values, claim_sets), then the whole set against <c>credential_sets</c> and <c>multiple</c>.
/// A presentation that fails its query is discarded; the response satisfies the query when the
/// remaining ones cover every required credential.
/// </summary>
public sealed class DcqlEvaluator
{
    public DcqlEvaluation Evaluate(DcqlQuery query, IReadOnlyDictionary<string, IReadOnlyList<PresentedCredential>> presented)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(presented);
        var violations = new List<DcqlViolation>();
        var accepted = new Dictionary<string, IReadOnlyList<PresentedCredential>>();
        var fatal = false;

        foreach (var (id, credentials) in presented)
        {
            var credentialQuery = query.Find(id);
            if (credentialQuery is null)
            {
                violations.Add(
                    new(
                        id,
                        DcqlViolationCodes.UnknownCredentialQuery,
                        $"vp_token holds '{id}', which is not a credential query id of the request"
                    )
                );
                fatal = true;
                continue;
            }
            if (credentials.Count > 1 && !credentialQuery.Multiple)
            {
                violations.Add(
                    new(
                        id,
                        DcqlViolationCodes.TooManyPresentations,
                        $"'{id}' holds {credentials.Count} presentations but the credential query does not allow multiple"
                    )
                );
                fatal = true;
                continue;
            }
            var kept = new List<PresentedCredential>();
            foreach (var credential in credentials)
            {
                var before = violations.Count;
                CheckCredential(credentialQuery, credential, violations);
                if (violations.Count == before)
                {
                    kept.Add(credential);
                }
            }
            if (kept.Count > 0)
            {
                accepted[id] = kept;
            }
        }

        var satisfied = !fatal && CheckCredentialSelection(query, accepted, violations);
        return new DcqlEvaluation(satisfied, violations, accepted);
    }

    private static bool CheckCredentialSelection(
        DcqlQuery query,
        Dictionary<string, IReadOnlyList<PresentedCredential>> accepted,
        List<DcqlViolation> violations
    )
    {
        if (query.CredentialSets is null)
        {
            // Without credential_sets every credential query is requested.
            var missing = query.Credentials.Where(c => !accepted.ContainsKey(c.Id)).ToList();
            foreach (var credential in missing.Where(c => violations.All(v => v.CredentialQueryId != c.Id)))
            {
                violations.Add(
                    new(
                        credential.Id,
                        DcqlViolationCodes.CredentialMissing,
                        $"no valid presentation for credential query '{credential.Id}'"
                    )
                );
            }
            return missing.Count == 0;
        }

        var satisfied = true;
        for (var i = 0; i < query.CredentialSets.Count; i++)
        {
            var set = query.CredentialSets[i];
            if (!set.Required)
            {
                continue;
            }
            if (!set.Options.Any(option => option.All(accepted.ContainsKey)))
            {
                satisfied = false;
                var options = string.Join(" or ", set.Options.Select(o => "[" + string.Join(", ", o) + "]"));
                violations.Add(
                    new(
                        string.Join(",", set.Options.SelectMany(o => o).Distinct()),
                        DcqlViolationCodes.CredentialSetUnsatisfied,
                        $"required credential_sets[{i}] is not satisfied: expected valid presentations for {options}"
                    )
                );
            }
        }
        return satisfied;
    }

    private static void CheckCredential(CredentialQuery query, PresentedCredential credential, List<DcqlViolation> violations)
    {
        var id = query.Id;
        if (credential.Format != query.Format)
        {
            violations.Add(
                new(
                    id,
                    DcqlViolationCodes.FormatMismatch,
                    $"'{id}' requests format {query.Format} but a {credential.Format} presentation was sent"
                )
            );
            return;
        }
        if (
            query.Meta.VctValues is { } vctValues
            && (credential.Vct is null || !vctValues.Contains(credential.Vct, StringComparer.Ordinal))
        )
        {
            violations.Add(
                new(
                    id,
                    DcqlViolationCodes.VctMismatch,
                    $"'{id}' accepts vct {string.Join(", ", vctValues)} but the credential has vct '{credential.Vct}'"
                )
            );
        }
        if (
            query.Meta.TypeValues is { } typeValues
            && !typeValues.Any(alternative => alternative.All(t => credential.Types.Contains(t, StringComparer.Ordinal)))
        )
        {
            violations.Add(
                new(
                    id,
                    DcqlViolationCodes.TypeMismatch,
                    $"'{id}': the credential types [{string.Join(", ", credential.Types)}] match none of the type_values alternatives"
                )
            );
        }
        if (query.RequireCryptographicHolderBinding && !credential.HolderBound)
        {
            violations.Add(
                new(id, DcqlViolationCodes.HolderBindingMissing, $"'{id}' requires a presentation with cryptographic holder binding")
            );
        }
        if (query.TrustedAuthorities is { } authorities && !authorities.Any(a => MatchesAuthority(a, credential)))
        {
            violations.Add(
                new(
                    id,
                    DcqlViolationCodes.UntrustedAuthority,
                    $"'{id}': the credential's issuer is certified by none of the trusted_authorities"
                )
            );
        }
        CheckClaims(query, credential, violations);
    }

    private static bool MatchesAuthority(TrustedAuthoritiesQuery authority, PresentedCredential credential) =>
        authority.Type == TrustedAuthorityTypes.AuthorityKeyIdentifier
        && authority.Values.Any(v => credential.AuthorityKeyIdentifiers.Contains(v, StringComparer.Ordinal));

    private static void CheckClaims(CredentialQuery query, PresentedCredential credential, List<DcqlViolation> violations)
    {
        if (query.Claims is null)
        {
            return;
        }
        var failures = query.Claims.ToDictionary(c => c, c => CheckClaim(query.Id, c, credential.Claims));
        if (query.ClaimSets is null)
        {
            violations.AddRange(failures.Values.OfType<DcqlViolation>());
            return;
        }
        var byId = query.Claims.Where(c => c.Id is not null).ToDictionary(c => c.Id!, StringComparer.Ordinal);
        if (query.ClaimSets.Any(set => set.All(claimId => failures[byId[claimId]] is null)))
        {
            return;
        }
        // Report why the most preferred option failed: it is the one the verifier asked for first.
        var first = query.ClaimSets[0].Select(claimId => failures[byId[claimId]]).OfType<DcqlViolation>().ToList();
        violations.Add(first[0] with { Message = $"no claim_sets option of '{query.Id}' is satisfied; first option: {first[0].Message}" });
    }

    private static DcqlViolation? CheckClaim(string queryId, ClaimsQuery claim, JsonElement root)
    {
        if (!claim.Path.TrySelect(root, out var selected))
        {
            return new(queryId, DcqlViolationCodes.ClaimMissing, $"'{queryId}': claim {claim.Path.Display} is missing");
        }
        if (claim.Values is { } values && !selected.Any(element => values.Any(value => ValueEquals(element, value))))
        {
            return new(
                queryId,
                DcqlViolationCodes.ClaimValueNotAllowed,
                $"'{queryId}': claim {claim.Path.Display} has a value the query does not allow"
            );
        }
        return null;
    }

    /// <summary>Type and value must both match exactly (§6.3).</summary>
    public static bool ValueEquals(JsonElement claim, JsonElement expected) =>
        (claim.ValueKind, expected.ValueKind) switch
        {
            (JsonValueKind.String, JsonValueKind.String) => string.Equals(
                claim.GetString(),
                expected.GetString(),
                StringComparison.Ordinal
            ),
            (JsonValueKind.True, JsonValueKind.True) or (JsonValueKind.False, JsonValueKind.False) => true,
            (JsonValueKind.Number, JsonValueKind.Number) => claim.TryGetInt64(out var a) && expected.TryGetInt64(out var b) && a == b,
            _ => false,
        };
}
