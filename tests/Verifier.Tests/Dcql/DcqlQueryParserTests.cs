using System.Text.Json;
using GaiaX.Oid4vc.Verifier.Dcql;

namespace Verifier.Tests.Dcql;

public sealed class DcqlQueryParserTests
{
    private static DcqlParseResult Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new DcqlQueryParser().Parse(document.RootElement);
    }

    private static void AssertError(string json, string expected)
    {
        var result = Parse(json);
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Query_with_sd_jwt_and_jwt_vc_credentials_claims_and_sets_is_read_completely()
    {
        var result = Parse("""
        {
          "credentials": [
            { "id": "pid", "format": "dc+sd-jwt", "multiple": true, "meta": { "vct_values": ["https://example.com/pid"] },
              "require_cryptographic_holder_binding": false,
              "trusted_authorities": [ { "type": "aki", "values": ["s9tIpPmhxdiuNkHMEWNpYim8S8Y"] } ],
              "claims": [ { "id": "a", "path": ["address", null, 0], "values": ["x", 5, true] }, { "id": "b", "path": ["birthdate"] } ],
              "claim_sets": [ ["a"], ["b"] ] },
            { "id": "lp", "format": "jwt_vc_json", "meta": { "type_values": [["LegalPerson"]] }, "unknown": 1 }
          ],
          "credential_sets": [ { "options": [["pid"], ["lp"]] }, { "required": false, "options": [["lp"]] } ],
          "future_extension": {}
        }
        """);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var pid = result.Query!.Credentials[0];
        Assert.True(pid.Multiple);
        Assert.False(pid.RequireCryptographicHolderBinding);
        Assert.Equal(["https://example.com/pid"], pid.Meta.VctValues!);
        Assert.Equal("aki", pid.TrustedAuthorities![0].Type);
        var path = pid.Claims![0].Path.Components;
        Assert.Equal("address", path[0].Key);
        Assert.True(path[1].IsWildcard);
        Assert.Equal(0, path[2].Index);
        Assert.Equal(3, pid.Claims[0].Values!.Count);
        Assert.Equal(2, pid.ClaimSets!.Count);
        Assert.True(result.Query.Credentials[1].RequireCryptographicHolderBinding);
        Assert.False(result.Query.CredentialSets![1].Required);
        Assert.True(result.Query.CredentialSets[0].Required);
    }

    [Fact]
    public void Query_without_credentials_is_invalid() => AssertError("{}", "credentials: is required");

    [Fact]
    public void Empty_credentials_array_is_invalid() => AssertError("""{"credentials":[]}""", "credentials: must be a non-empty array");

    [Fact]
    public void Credential_query_id_with_characters_outside_alphanumerics_underscore_and_hyphen_is_invalid() =>
        AssertError("""{"credentials":[{"id":"a b","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}]}""", "credentials[0].id: must be a non-empty string of letters, digits");

    [Fact]
    public void Duplicate_credential_query_ids_are_invalid() =>
        AssertError("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]}},{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["y"]}}]}""", "credentials[1].id: 'a' is used by another credential query");

    [Fact]
    public void Unsupported_format_is_named_with_the_supported_ones() =>
        AssertError("""{"credentials":[{"id":"a","format":"mso_mdoc","meta":{"doctype_value":"x"}}]}""", "credentials[0].format: 'mso_mdoc' is not supported; supported formats: jwt_vc_json, dc+sd-jwt");

    [Fact]
    public void Missing_meta_is_invalid() =>
        AssertError("""{"credentials":[{"id":"a","format":"dc+sd-jwt"}]}""", "credentials[0].meta: is required");

    [Fact]
    public void Sd_jwt_query_without_vct_values_is_invalid() =>
        AssertError("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{}}]}""", "credentials[0].meta.vct_values: is required for format dc+sd-jwt");

    [Fact]
    public void Jwt_vc_query_without_type_values_is_invalid() =>
        AssertError("""{"credentials":[{"id":"a","format":"jwt_vc_json","meta":{}}]}""", "credentials[0].meta.type_values: is required for format jwt_vc_json");

    [Fact]
    public void Type_values_must_be_an_array_of_string_arrays() =>
        AssertError("""{"credentials":[{"id":"a","format":"jwt_vc_json","meta":{"type_values":["LegalPerson"]}}]}""", "credentials[0].meta.type_values[0]: must be a non-empty array of strings");

    [Fact]
    public void Claims_path_component_that_is_negative_or_not_a_string_integer_or_null_is_invalid()
    {
        AssertError("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]},"claims":[{"path":["a",-1]}]}]}""", "credentials[0].claims[0].path[1]: must be a string, a non-negative integer or null");
        AssertError("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]},"claims":[{"path":[true]}]}]}""", "credentials[0].claims[0].path[0]");
        AssertError("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]},"claims":[{"path":[1.5]}]}]}""", "credentials[0].claims[0].path[0]");
    }

    [Fact]
    public void Empty_claims_path_is_invalid() =>
        AssertError("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]},"claims":[{"path":[]}]}]}""", "credentials[0].claims[0].path: is required and must be a non-empty array");

    [Fact]
    public void Claim_requested_twice_in_one_credential_query_is_invalid() =>
        AssertError("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]},"claims":[{"path":["a","b"]},{"path":["a","b"]}]}]}""", "is requested more than once");

    [Fact]
    public void Claim_values_must_be_strings_integers_or_booleans() =>
        AssertError("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]},"claims":[{"path":["a"],"values":[{"x":1}]}]}]}""", "credentials[0].claims[0].values[0]: must be a string, an integer or a boolean");

    [Fact]
    public void Claim_sets_without_claims_are_invalid() =>
        AssertError("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]},"claim_sets":[["c"]]}]}""", "credentials[0].claim_sets: must not be present without claims");

    [Fact]
    public void Claim_sets_require_claim_ids_and_may_only_reference_them()
    {
        AssertError("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]},"claims":[{"path":["a"]}],"claim_sets":[["a"]]}]}""", "credentials[0].claims[0].id: is required when claim_sets is present");
        AssertError("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]},"claims":[{"id":"c1","path":["a"]}],"claim_sets":[["c2"]]}]}""", "credentials[0].claim_sets[0]: 'c2' is not the id of a claims query");
    }

    [Fact]
    public void Credential_set_options_may_only_reference_credential_query_ids() =>
        AssertError("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}],"credential_sets":[{"options":[["b"]]}]}""", "credential_sets[0].options[0]: 'b' is not the id of a credential query");

    [Fact]
    public void Credential_set_without_options_is_invalid() =>
        AssertError("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}],"credential_sets":[{"required":true}]}""", "credential_sets[0].options: is required");

    [Fact]
    public void Non_boolean_multiple_is_invalid() =>
        AssertError("""{"credentials":[{"id":"a","format":"dc+sd-jwt","multiple":"yes","meta":{"vct_values":["x"]}}]}""", "credentials[0].multiple: must be a boolean");

    [Fact]
    public void Trusted_authorities_of_a_type_the_verifier_cannot_evaluate_are_refused() =>
        AssertError("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]},"trusted_authorities":[{"type":"etsi_tl","values":["https://lotl.example.com"]}]}]}""", "credentials[0].trusted_authorities[0].type: 'etsi_tl' is not supported");

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var result = Parse("""{"credentials":[{"id":"","format":1,"meta":[]}],"credential_sets":[]}""");
        Assert.True(result.Errors.Count >= 4, string.Join("; ", result.Errors));
    }
}
