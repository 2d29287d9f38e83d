using System.Text.Json;
using GaiaX.Oid4vc.Verifier.Dcql;

namespace Verifier.Tests.Dcql;

/// <summary>The claims path pointer examples of OpenID4VP 1.0 §7.3 and the error rules of §7.1.1.</summary>
public sealed class ClaimsPathPointerTests
{
    private static readonly JsonElement Credential = JsonDocument.Parse("""
    {
      "name": "Arthur Dent",
      "address": { "street_address": "42 Market Street", "locality": "Milliways", "postal_code": "12345" },
      "degrees": [ { "type": "Bachelor of Science", "university": "University of Betelgeuse" },
                   { "type": "Master of Science", "university": "University of Betelgeuse" } ],
      "nationalities": ["British", "Betelgeusian"]
    }
    """).RootElement;

    private static ClaimsPathPointer Path(params object?[] components) => new(components.Select(c => c switch
    {
        string key => PathComponent.ForKey(key),
        int index => PathComponent.ForIndex(index),
        null => PathComponent.Wildcard,
        _ => throw new ArgumentException("bad component"),
    }).ToList());

    private static IReadOnlyList<string> Select(ClaimsPathPointer pointer)
    {
        Assert.True(pointer.TrySelect(Credential, out var selected));
        return selected.Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList();
    }

    [Fact]
    public void Key_selects_the_claim() => Assert.Equal(["Arthur Dent"], Select(Path("name")));

    [Fact]
    public void Nested_keys_select_the_nested_claim() => Assert.Equal(["42 Market Street"], Select(Path("address", "street_address")));

    [Fact]
    public void Null_selects_every_array_element() => Assert.Equal(["Bachelor of Science", "Master of Science"], Select(Path("degrees", null, "type")));

    [Fact]
    public void Index_selects_one_array_element() => Assert.Equal(["Betelgeusian"], Select(Path("nationalities", 1)));

    [Fact]
    public void Missing_key_or_index_selects_nothing()
    {
        Assert.False(Path("nickname").TrySelect(Credential, out _));
        Assert.False(Path("nationalities", 2).TrySelect(Credential, out _));
    }

    [Fact]
    public void Key_applied_to_a_non_object_or_index_to_a_non_array_is_an_error()
    {
        Assert.False(Path("name", "first").TrySelect(Credential, out _));
        Assert.False(Path("address", 0).TrySelect(Credential, out _));
        Assert.False(Path("name", null).TrySelect(Credential, out _));
    }
}
