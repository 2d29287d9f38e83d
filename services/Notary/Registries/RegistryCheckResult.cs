namespace GaiaX.Oid4vc.Notary.Registries;

/// <summary>
/// What a registry said about a number. The cases are kept apart on purpose: a registry that is
/// down, busy or answering nonsense has said nothing about the number, so it is never "not found".
/// </summary>
public abstract record RegistryCheckResult
{
    private RegistryCheckResult() { }

    /// <summary>The registry confirms the number belongs to a registered entity.</summary>
    /// <param name="Evidence">Where and when the check was made (for the credential's <c>evidence</c>).</param>
    /// <param name="LegalName">The entity's name as the registry gives it, when it does.</param>
    /// <param name="CountryCode">ISO 3166-1 alpha-2 country the registry records, when it does.</param>
    /// <param name="SubdivisionCode">ISO 3166-2 subdivision the registry records, when it does.</param>
    public sealed record Registered(
        RegistryEvidence Evidence,
        string? LegalName = null,
        string? CountryCode = null,
        string? SubdivisionCode = null
    ) : RegistryCheckResult;

    /// <summary>The registry answered and does not know the number as a valid registration.</summary>
    public sealed record NotRegistered(string Reason) : RegistryCheckResult;

    /// <summary>The input is not a number of this type: wrong syntax or check digits, or the registry refuses it as input (VIES
    /// <c>INVALID_INPUT</c>). The client's mistake.</summary>
    public sealed record InvalidInput(string Reason) : RegistryCheckResult;

    /// <summary>The registry is down, busy, rate-limiting or timed out; ask again after <paramref name="RetryAfter"/>.</summary>
    public sealed record Unavailable(string Reason, TimeSpan RetryAfter) : RegistryCheckResult;

    /// <summary>The registry answered with something that is not a valid answer (malformed body, unexpected status).</summary>
    public sealed record BadGateway(string Reason) : RegistryCheckResult;
}
