using System.Text.Json;

namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>
/// What the filters share while one presentation (or credential) goes through the chain: the input,
/// what has been parsed and resolved so far, and every failure found.
/// </summary>
public sealed class ComplianceContext : IDisposable
{
    /// <summary>How failures about the VP envelope itself are labelled.</summary>
    public const string PresentationLabel = "presentation";

    private readonly List<ComplianceFailure> _failures = [];
    private readonly List<AssessedCredential> _credentials = [];
    private readonly List<JsonDocument> _documents = [];

    public ComplianceContext(ComplianceScope scope, string input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (scope is not (ComplianceScope.Presentation or ComplianceScope.Credential))
        {
            throw new ArgumentOutOfRangeException(nameof(scope), scope, "Assess either a presentation or a credential.");
        }
        Scope = scope;
        Input = input;
        Now = now;
    }

    public ComplianceScope Scope { get; }

    /// <summary>The VP-JWT or VC-JWT exactly as received.</summary>
    public string Input { get; }

    /// <summary>The instant the whole assessment is judged at, so every filter sees the same time.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The VP envelope (presentation scope, once parsed).</summary>
    public AssessedJwt? Presentation { get; internal set; }

    /// <summary>Every credential parsed from the input, in presentation order.</summary>
    public IReadOnlyList<AssessedCredential> Credentials => _credentials;

    /// <summary>The presentation (when present) followed by its credentials: everything with a signature.</summary>
    public IEnumerable<AssessedJwt> SignedItems =>
        Presentation is null ? _credentials : _credentials.Prepend(Presentation);

    public IReadOnlyList<ComplianceFailure> Failures => _failures;

    public bool HasFailures => _failures.Count > 0;

    public void AddFailure(IComplianceFilter filter, string credential, string message)
    {
        ArgumentNullException.ThrowIfNull(filter);
        _failures.Add(new ComplianceFailure(credential, filter.Name, filter.Criterion, message));
    }

    public void AddFailure(IComplianceFilter filter, AssessedJwt item, string message) =>
        AddFailure(filter, item?.Label ?? throw new ArgumentNullException(nameof(item)), message);

    /// <summary>Records a fault after which the item's signature cannot be checked.</summary>
    public void BlockCryptography(IComplianceFilter filter, AssessedJwt item, string message)
    {
        AddFailure(filter, item, message);
        item.CryptoBlockedBy ??= filter.Name;
    }

    internal void AddCredential(AssessedCredential credential) => _credentials.Add(credential);

    /// <summary>Keeps a parsed document alive for as long as the context's elements point into it.</summary>
    internal void Own(JsonDocument document) => _documents.Add(document);

    public void Dispose()
    {
        foreach (var document in _documents)
        {
            document.Dispose();
        }
        _documents.Clear();
    }
}
