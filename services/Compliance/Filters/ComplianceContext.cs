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
    private readonly List<AssessedJwt> _presentations = [];
    private readonly List<AssessedCredential> _credentials = [];
    private readonly List<IDisposable> _documents = [];

    public ComplianceContext(ComplianceScope scope, string input, DateTimeOffset now)
        : this(scope, [input ?? throw new ArgumentNullException(nameof(input))], now) { }

    /// <summary>
    /// Several inputs are assessed as one (presentation scope): the presentations one wallet gave in
    /// one OpenID4VP response, whose credentials the rules consider together.
    /// </summary>
    public ComplianceContext(ComplianceScope scope, IReadOnlyList<string> inputs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (scope is not (ComplianceScope.Presentation or ComplianceScope.Credential))
        {
            throw new ArgumentOutOfRangeException(nameof(scope), scope, "Assess either a presentation or a credential.");
        }
        if (inputs.Count == 0 || (scope == ComplianceScope.Credential && inputs.Count != 1))
        {
            throw new ArgumentException("Assess one credential, or one or more presentations.", nameof(inputs));
        }
        Scope = scope;
        Inputs = inputs;
        Now = now;
    }

    public ComplianceScope Scope { get; }

    /// <summary>The VP-JWT or VC-JWT exactly as received (the first, when there are several).</summary>
    public string Input => Inputs[0];

    /// <summary>Every VP-JWT (or the one VC-JWT) exactly as received.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The instant the whole assessment is judged at, so every filter sees the same time.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The (first) VP envelope (presentation scope, once parsed).</summary>
    public AssessedJwt? Presentation => _presentations.Count > 0 ? _presentations[0] : null;

    /// <summary>Every VP envelope parsed, in input order.</summary>
    public IReadOnlyList<AssessedJwt> Presentations => _presentations;

    /// <summary>Every credential parsed from the input, in presentation order.</summary>
    public IReadOnlyList<AssessedCredential> Credentials => _credentials;

    /// <summary>The presentation (when present) followed by its credentials: everything with a signature.</summary>
    public IEnumerable<AssessedJwt> SignedItems => _presentations.Concat<AssessedJwt>(_credentials);

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

    internal void AddPresentation(AssessedJwt presentation) => _presentations.Add(presentation);

    /// <summary>Keeps parsed documents alive for as long as the context's elements point into them.</summary>
    internal void Own(IDisposable documents) => _documents.Add(documents);

    public void Dispose()
    {
        foreach (var document in _documents)
        {
            document.Dispose();
        }
        _documents.Clear();
    }
}
