using System.Text.Json;
using GaiaX.Oid4vc.Credentials;
using GaiaX.Oid4vc.Verifier.Dcql;

namespace Verifier.Tests.Dcql;

public sealed class DcqlEvaluatorTests
{
    private static readonly DcqlEvaluator Evaluator = new();

    private static DcqlQuery Query(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = new DcqlQueryParser().Parse(document.RootElement);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Query!;
    }

    private static PresentedCredential SdJwt(string claims, string vct = "https://example.com/pid", bool holderBound = true, params string[] akis) => new()
    {
        Format = CredentialFormats.SdJwtVc,
        Vct = vct,
        HolderBound = holderBound,
        Claims = JsonDocument.Parse(claims).RootElement.Clone(),
        AuthorityKeyIdentifiers = akis,
    };

    private static PresentedCredential JwtVc(string claims, params string[] types) => new()
    {
        Format = CredentialFormats.JwtVcJson,
        Types = types,
        HolderBound = true,
        Claims = JsonDocument.Parse(claims).RootElement.Clone(),
    };

    private static Dictionary<string, IReadOnlyList<PresentedCredential>> Token(params (string Id, PresentedCredential[] Credentials)[] entries) =>
        entries.ToDictionary(e => e.Id, e => (IReadOnlyList<PresentedCredential>)e.Credentials);

    private const string Pid = """{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["https://example.com/pid"]},"claims":[{"path":["given_name"]},{"path":["address","postal_code"],"values":["90210","90211"]}]}]}""";

    [Fact]
    public void Presentation_with_every_requested_claim_and_an_allowed_value_satisfies_the_query()
    {
        var evaluation = Evaluator.Evaluate(Query(Pid), Token(("pid", [SdJwt("""{"given_name":"A","address":{"postal_code":"90211"}}""")])));
        Assert.True(evaluation.IsSatisfied);
        Assert.Empty(evaluation.Violations);
        Assert.Single(evaluation.Accepted["pid"]);
    }

    [Fact]
    public void Missing_claim_is_a_claim_missing_violation()
    {
        var evaluation = Evaluator.Evaluate(Query(Pid), Token(("pid", [SdJwt("""{"address":{"postal_code":"90211"}}""")])));
        Assert.False(evaluation.IsSatisfied);
        Assert.Contains(evaluation.Violations, v => v.Code == DcqlViolationCodes.ClaimMissing && v.Message.Contains("claim given_name is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Value_outside_the_allowed_values_is_a_claim_value_not_allowed_violation()
    {
        var evaluation = Evaluator.Evaluate(Query(Pid), Token(("pid", [SdJwt("""{"given_name":"A","address":{"postal_code":"10115"}}""")])));
        Assert.Contains(evaluation.Violations, v => v.Code == DcqlViolationCodes.ClaimValueNotAllowed);
    }

    [Fact]
    public void Value_matching_requires_the_same_json_type()
    {
        var query = Query("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["https://example.com/pid"]},"claims":[{"path":["age"],"values":[18]},{"path":["adult"],"values":[true]}]}]}""");
        Assert.True(Evaluator.Evaluate(query, Token(("a", [SdJwt("""{"age":18,"adult":true}""")]))).IsSatisfied);
        Assert.False(Evaluator.Evaluate(query, Token(("a", [SdJwt("""{"age":"18","adult":true}""")]))).IsSatisfied);
        Assert.False(Evaluator.Evaluate(query, Token(("a", [SdJwt("""{"age":18,"adult":"true"}""")]))).IsSatisfied);
    }

    [Fact]
    public void Wrong_vct_is_a_vct_mismatch()
    {
        var evaluation = Evaluator.Evaluate(Query(Pid), Token(("pid", [SdJwt("""{"given_name":"A","address":{"postal_code":"90211"}}""", vct: "https://other.example/vct")])));
        Assert.Contains(evaluation.Violations, v => v.Code == DcqlViolationCodes.VctMismatch);
    }

    [Fact]
    public void Type_values_match_when_one_alternative_is_a_subset_of_the_credential_types()
    {
        var query = Query("""{"credentials":[{"id":"lp","format":"jwt_vc_json","meta":{"type_values":[["LegalPerson","Extra"],["LegalPerson"]]}}]}""");
        Assert.True(Evaluator.Evaluate(query, Token(("lp", [JwtVc("{}", "VerifiableCredential", "LegalPerson")]))).IsSatisfied);
        var evaluation = Evaluator.Evaluate(query, Token(("lp", [JwtVc("{}", "VerifiableCredential", "ServiceOffering")])));
        Assert.Contains(evaluation.Violations, v => v.Code == DcqlViolationCodes.TypeMismatch);
    }

    [Fact]
    public void Credential_without_holder_binding_is_refused_unless_the_query_waives_it()
    {
        var bound = Query(Pid);
        var credential = SdJwt("""{"given_name":"A","address":{"postal_code":"90211"}}""", holderBound: false);
        Assert.Contains(Evaluator.Evaluate(bound, Token(("pid", [credential]))).Violations, v => v.Code == DcqlViolationCodes.HolderBindingMissing);
        var waived = Query("""{"credentials":[{"id":"pid","format":"dc+sd-jwt","require_cryptographic_holder_binding":false,"meta":{"vct_values":["https://example.com/pid"]}}]}""");
        Assert.True(Evaluator.Evaluate(waived, Token(("pid", [credential]))).IsSatisfied);
    }

    [Fact]
    public void Two_presentations_for_a_query_without_multiple_are_refused_and_allowed_with_multiple()
    {
        var credential = SdJwt("""{"given_name":"A","address":{"postal_code":"90211"}}""");
        Assert.Contains(Evaluator.Evaluate(Query(Pid), Token(("pid", [credential, credential]))).Violations, v => v.Code == DcqlViolationCodes.TooManyPresentations);
        var multiple = Query(Pid.Replace("\"format\":\"dc+sd-jwt\"", "\"format\":\"dc+sd-jwt\",\"multiple\":true", StringComparison.Ordinal));
        Assert.True(Evaluator.Evaluate(multiple, Token(("pid", [credential, credential]))).IsSatisfied);
    }

    [Fact]
    public void Claim_sets_are_satisfied_by_any_one_option_and_unsatisfied_when_none_matches()
    {
        var query = Query("""{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["https://example.com/pid"]},"claims":[{"id":"a","path":["family_name"]},{"id":"b","path":["postal_code"]},{"id":"c","path":["locality"]}],"claim_sets":[["a","c"],["a","b"]]}]}""");
        Assert.True(Evaluator.Evaluate(query, Token(("pid", [SdJwt("""{"family_name":"D","postal_code":"1"}""")]))).IsSatisfied);
        var evaluation = Evaluator.Evaluate(query, Token(("pid", [SdJwt("""{"postal_code":"1","locality":"x"}""")])));
        Assert.False(evaluation.IsSatisfied);
        Assert.Contains(evaluation.Violations, v => v.Message.Contains("no claim_sets option", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_credential_sets_every_credential_query_must_be_answered()
    {
        var query = Query("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["https://example.com/pid"]}},{"id":"b","format":"dc+sd-jwt","meta":{"vct_values":["https://example.com/pid"]}}]}""");
        var evaluation = Evaluator.Evaluate(query, Token(("a", [SdJwt("{}")])));
        Assert.False(evaluation.IsSatisfied);
        Assert.Contains(evaluation.Violations, v => v.Code == DcqlViolationCodes.CredentialMissing && v.CredentialQueryId == "b");
    }

    [Fact]
    public void Credential_sets_need_one_option_of_every_required_set_and_nothing_of_optional_sets()
    {
        var query = Query("""
        {"credentials":[
          {"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["https://example.com/pid"]}},
          {"id":"other","format":"dc+sd-jwt","meta":{"vct_values":["https://example.com/pid"]}},
          {"id":"bonus","format":"dc+sd-jwt","meta":{"vct_values":["https://example.com/pid"]}}],
         "credential_sets":[{"options":[["pid"],["other"]]},{"required":false,"options":[["bonus"]]}]}
        """);
        Assert.True(Evaluator.Evaluate(query, Token(("other", [SdJwt("{}")]))).IsSatisfied);
        Assert.True(Evaluator.Evaluate(query, Token(("pid", [SdJwt("{}")]), ("bonus", [SdJwt("{}")]))).IsSatisfied);
        var evaluation = Evaluator.Evaluate(query, Token(("bonus", [SdJwt("{}")])));
        Assert.False(evaluation.IsSatisfied);
        Assert.Contains(evaluation.Violations, v => v.Code == DcqlViolationCodes.CredentialSetUnsatisfied);
    }

    [Fact]
    public void Vp_token_entry_for_an_id_the_query_does_not_have_is_refused()
    {
        var evaluation = Evaluator.Evaluate(Query(Pid), Token(("pid", [SdJwt("""{"given_name":"A","address":{"postal_code":"90211"}}""")]), ("extra", [SdJwt("{}")])));
        Assert.False(evaluation.IsSatisfied);
        Assert.Contains(evaluation.Violations, v => v.Code == DcqlViolationCodes.UnknownCredentialQuery);
    }

    [Fact]
    public void Trusted_authorities_aki_must_appear_in_the_issuer_chain()
    {
        var query = Query("""{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["https://example.com/pid"]},"trusted_authorities":[{"type":"aki","values":["s9tIpPmhxdiuNkHMEWNpYim8S8Y"]}]}]}""");
        Assert.True(Evaluator.Evaluate(query, Token(("pid", [SdJwt("{}", akis: "s9tIpPmhxdiuNkHMEWNpYim8S8Y")]))).IsSatisfied);
        Assert.Contains(Evaluator.Evaluate(query, Token(("pid", [SdJwt("{}", akis: "other")]))).Violations, v => v.Code == DcqlViolationCodes.UntrustedAuthority);
    }

    [Fact]
    public void Format_of_the_presentation_must_be_the_format_of_the_query()
    {
        var evaluation = Evaluator.Evaluate(Query(Pid), Token(("pid", [JwtVc("""{"given_name":"A","address":{"postal_code":"90211"}}""", "VerifiableCredential")])));
        Assert.Contains(evaluation.Violations, v => v.Code == DcqlViolationCodes.FormatMismatch);
    }
}
