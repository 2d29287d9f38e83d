using GaiaX.Oid4vc.Rdf.JsonLd;
using GaiaX.Oid4vc.Testing;

namespace GaiaX.Oid4vc.Rdf.Tests.GaiaX;

/// <summary>The repository's profile and the official 25.11 shapes agree on a corpus of credentials.</summary>
[Collection(GaiaXShapesCollection.Name)]
public sealed class ProfileAgreementTests(GaiaXShapesFixture shapes)
{
    private static string CorpusFolder => Path.Combine(RepositoryPaths.Root, "tests", "Rdf.Tests", "Corpus");

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusFolder, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    [Fact]
    public void Corpus_has_at_least_30_documents_with_both_outcomes()
    {
        var names = Directory.GetFiles(CorpusFolder, "*.json").Select(Path.GetFileName).ToList();
        Assert.True(names.Count >= 30, $"{names.Count} documents");
        Assert.Contains(names, n => n!.StartsWith("conforming-", StringComparison.Ordinal));
        Assert.Contains(names, n => n!.StartsWith("violating-", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Profile_and_official_shapes_give_the_expected_outcome(string name)
    {
        var graph = JsonLdToRdf.ToGraph(File.ReadAllText(Path.Combine(CorpusFolder, name + ".json")), shapes.Loader);
        var expected = name.StartsWith("conforming-", StringComparison.Ordinal);
        var official = shapes.Official.Validate(graph);
        var profile = shapes.Profile.Validate(graph);
        Assert.True(expected == official.Conforms, "official: " + official.ToJson());
        Assert.True(expected == profile.Conforms, "profile: " + profile.ToJson());
    }
}
