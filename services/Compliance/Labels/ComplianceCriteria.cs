using System.Collections.Concurrent;
using System.Text.Json;

namespace GaiaX.Oid4vc.Compliance.Labels;

/// <summary>
/// The criteria of one Compliance Document version as data (<c>Labels/Criteria/compliance-document-{version}.json</c>,
/// embedded): which criteria each label level needs and how each is evidenced. Loaded once per version.
/// </summary>
public sealed class ComplianceCriteria
{
    private static readonly ConcurrentDictionary<string, Lazy<ComplianceCriteria?>> Loaded = new(StringComparer.Ordinal);

    private readonly Dictionary<string, Criterion> _byId;

    private ComplianceCriteria(string version, string uriTemplate, IReadOnlyList<Criterion> criteria)
    {
        Version = version;
        UriTemplate = uriTemplate;
        Criteria = criteria;
        _byId = criteria.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    /// <summary>The criterion with <paramref name="id"/> (e.g. <c>P5.1.4</c>), or null.</summary>
    public Criterion? ById(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The Compliance Document version (<c>gx:rulesVersion</c> of the labels granted by it).</summary>
    public string Version { get; }

    /// <summary>The permanent URI of a criterion, with <c>{id}</c> for its id.</summary>
    public string UriTemplate { get; }

    public IReadOnlyList<Criterion> Criteria { get; }

    /// <summary>The engine checks the data may name.</summary>
    public static IReadOnlySet<string> TechnicalChecks { get; } =
        new HashSet<string>(StringComparer.Ordinal)
        {
            LabelLevelEvaluator.ServiceOfferingConforms,
            LabelLevelEvaluator.ProviderVerified,
            LabelLevelEvaluator.ProviderHeadquartersInEuEea,
        };

    public string UriOf(Criterion criterion) => UriTemplate.Replace("{id}", criterion?.Id, StringComparison.Ordinal);

    /// <summary>The criteria of <paramref name="version"/> (e.g. <c>24.11</c>), or null when none are shipped.</summary>
    public static ComplianceCriteria? Find(string version) =>
        Loaded
            .GetOrAdd(version ?? throw new ArgumentNullException(nameof(version)), v => new Lazy<ComplianceCriteria?>(() => Load(v)))
            .Value;

    /// <summary>The criteria that apply at <paramref name="level"/>.</summary>
    public IEnumerable<Criterion> At(LabelLevel level) => Criteria.Where(c => c.Levels.ContainsKey(level));

    private static ComplianceCriteria? Load(string version)
    {
        var name = $"GaiaX.Oid4vc.Compliance.Labels.Criteria.compliance-document-{version}.json";
        using var stream = typeof(ComplianceCriteria).Assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var criteria = new List<Criterion>();
        foreach (var item in root.GetProperty("criteria").EnumerateArray())
        {
            var levels = new Dictionary<LabelLevel, EvidenceKind>();
            foreach (var level in item.GetProperty("levels").EnumerateObject())
            {
                levels[Enum.Parse<LabelLevel>(level.Name)] = level.Value.GetString() switch
                {
                    "declaration" => EvidenceKind.Declaration,
                    "certification" => EvidenceKind.Certification,
                    "technical" => EvidenceKind.Technical,
                    var other => throw new InvalidDataException($"{name}: {item.GetProperty("id")} has the unknown evidence '{other}'."),
                };
            }
            var check = item.TryGetProperty("technicalCheck", out var technical) ? technical.GetProperty("name").GetString() : null;
            if (levels.ContainsValue(EvidenceKind.Technical) && (check is null || !TechnicalChecks.Contains(check)))
            {
                throw new InvalidDataException(
                    $"{name}: {item.GetProperty("id")} needs a technical check the engine does not run ('{check}')."
                );
            }
            criteria.Add(
                new Criterion(
                    item.GetProperty("id").GetString()!,
                    item.GetProperty("section").GetString()!,
                    item.GetProperty("summary").GetString()!,
                    item.TryGetProperty("about", out var about) && about.GetString() == "provider"
                        ? CriterionSubject.Provider
                        : CriterionSubject.ServiceOffering,
                    levels,
                    check,
                    item.TryGetProperty("personalData", out var personal) && personal.ValueKind == JsonValueKind.True
                )
            );
        }
        return new ComplianceCriteria(
            root.GetProperty("version").GetString()!,
            root.GetProperty("criterionUriTemplate").GetString()!,
            criteria
        );
    }
}
