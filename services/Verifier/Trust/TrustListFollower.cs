using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Dapr.State;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Verifier.Trust;

/// <summary>
/// The Verifier's current <see cref="TrustView"/>. Not following the Registry, it is the configured trust for good.
/// Following, it is the newest trust list this replica has seen: delivered by <c>trust-list-changed</c>, or read from the
/// state store, where every applied list is kept (key <see cref="StateKey"/>) so that a restart, and the other replicas,
/// start from it. Until there is one it is unknown (null), unless <see cref="RegistryTrustOptions.Bootstrap"/> lets the
/// configured trust stand in. Versions only go up, here and in the store (ETag compare-and-swap).
/// </summary>
public sealed partial class TrustListFollower : IDisposable
{
    /// <summary>Where the applied trust list is kept in the Verifier's state.</summary>
    public const string StateKey = "registry-trust-list";

    private const int MaxStoreAttempts = 8;

    private readonly TrustViewFactory _views;
    private readonly IDaprStateStore _state;
    private readonly ILogger<TrustListFollower> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile TrustView? _current;

    public TrustListFollower(
        TrustViewFactory views,
        IDaprStateStore state,
        IOptions<VerifierOptions> options,
        ILogger<TrustListFollower> logger
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        _views = views;
        _state = state;
        _logger = logger;
        var registry = options.Value.Trust.Registry;
        Following = registry.Follow;
        _current = !Following || registry.Bootstrap ? views.Configured() : null;
    }

    /// <summary>Whether the Verifier follows the Registry's trust list.</summary>
    public bool Following { get; }

    /// <summary>What is trusted now; null while following with no trust list known yet (judge nothing then).</summary>
    public TrustView? Current => _current;

    private long CurrentVersion => _current?.Version ?? TrustView.ConfiguredVersion;

    /// <summary>
    /// Applies a delivered trust list if it is newer than this replica's and than the stored one, storing it first: a
    /// state store that fails throws, so that the delivery is retried rather than lost. Repeated, older and concurrent
    /// deliveries leave the newest list in place.
    /// </summary>
    public async Task<TrustListApplyOutcome> ApplyAsync(TrustListChanged changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        if (!Following)
        {
            return TrustListApplyOutcome.NotFollowing;
        }
        if (!changed.IsSnapshot)
        {
            LogNoSnapshot(_logger, changed.Version);
            return TrustListApplyOutcome.NoSnapshot;
        }
        if (changed.Version <= CurrentVersion)
        {
            return TrustListApplyOutcome.NotNewer;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (changed.Version <= CurrentVersion)
            {
                return TrustListApplyOutcome.NotNewer;
            }
            var (view, problem) = _views.FromSnapshot(changed);
            if (view is null)
            {
                LogMalformed(_logger, changed.Version, problem!);
                return TrustListApplyOutcome.Malformed;
            }
            for (var attempt = 1; ; attempt++)
            {
                var stored = await _state.GetVersionedAsync<TrustListChanged>(StateKey, cancellationToken).ConfigureAwait(false);
                if (stored is not null && stored.Value.Version >= changed.Version)
                {
                    // Another replica stored this list or a newer one: judge with what is stored, as every replica does.
                    Adopt(Build(stored.Value));
                    return stored.Value.Version == changed.Version ? TrustListApplyOutcome.Applied : TrustListApplyOutcome.NotNewer;
                }
                var saved = stored is null
                    ? await _state.TryCreateAsync(StateKey, changed, cancellationToken: cancellationToken).ConfigureAwait(false)
                    : await _state.TrySaveAsync(StateKey, changed, stored.ETag, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (saved)
                {
                    Adopt(view);
                    return TrustListApplyOutcome.Applied;
                }
                if (attempt == MaxStoreAttempts)
                {
                    throw new InvalidOperationException("The stored trust list kept changing while this one was stored; try again.");
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Takes the stored trust list when it is newer than this replica's (start-up, and what other replicas stored).
    /// A state store that fails throws. Whether the view changed.
    /// </summary>
    public async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (!Following)
        {
            return false;
        }
        var stored = await _state.GetAsync<TrustListChanged>(StateKey, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.Version <= CurrentVersion)
        {
            return false;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (stored.Version <= CurrentVersion)
            {
                return false;
            }
            var view = Build(stored);
            if (view is null)
            {
                return false;
            }
            Adopt(view);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private TrustView? Build(TrustListChanged stored)
    {
        var (view, problem) = _views.FromSnapshot(stored);
        if (view is null)
        {
            LogMalformed(_logger, stored.Version, problem!);
        }
        return view;
    }

    private void Adopt(TrustView? view)
    {
        if (view is not null && view.Version > CurrentVersion)
        {
            _current = view;
            LogApplied(_logger, view.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Judging with the Registry's trust list at version {Version}")]
    private static partial void LogApplied(ILogger logger, long version);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "The Registry's trust list at version {Version} cannot be applied ({Problem}); the Verifier keeps the one it has"
    )]
    private static partial void LogMalformed(ILogger logger, long version, string problem);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "trust-list-changed at version {Version} carries no trust list (a Registry that publishes the version alone)"
    )]
    private static partial void LogNoSnapshot(ILogger logger, long version);
}
