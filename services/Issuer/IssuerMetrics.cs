using System.Diagnostics.Metrics;
using GaiaX.Oid4vc.Issuer.Metadata;

namespace GaiaX.Oid4vc.Issuer;

/// <summary>
/// The Issuer's metrics (meter <c>GaiaX.Oid4vc.Issuer</c>): offers created, token and credential
/// requests by outcome (the OAuth / OpenID4VCI error code when refused), and how long wallets wait for
/// deferred credentials. Tags are configuration ids, grant types and outcomes only: never an offer,
/// subject, code or token.
/// </summary>
public sealed class IssuerMetrics
{
    public const string MeterName = "GaiaX.Oid4vc.Issuer";

    /// <summary>The <c>endpoint</c> tag of credential requests.</summary>
    public const string CredentialEndpoint = "credential";

    /// <summary>The <c>endpoint</c> tag of deferred credential requests.</summary>
    public const string DeferredCredentialEndpoint = "deferred_credential";

    private static readonly HashSet<string> KnownGrantTypes = new(StringComparer.Ordinal)
    {
        GrantTypes.PreAuthorizedCode,
        GrantTypes.AuthorizationCode,
        GrantTypes.RefreshToken,
    };

    private readonly Counter<long> _offers;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _credentials;
    private readonly Histogram<double> _deferredWait;

    public IssuerMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _offers = meter.CreateCounter<long>(
            "gaiax.issuer.offers.created",
            unit: "{offer}",
            description: "Credential offers created, by credential configuration."
        );
        _tokens = meter.CreateCounter<long>(
            "gaiax.issuer.token.requests",
            unit: "{request}",
            description: "Token requests, by grant type and outcome (success or the OAuth error code)."
        );
        _credentials = meter.CreateCounter<long>(
            "gaiax.issuer.credential.requests",
            unit: "{request}",
            description: "Credential and deferred credential requests, by endpoint and outcome (issued, deferred, or the error code)."
        );
        _deferredWait = meter.CreateHistogram<double>(
            "gaiax.issuer.deferred.wait",
            unit: "s",
            description: "From a credential's deferral to its issuance or denial, by outcome."
        );
    }

    public void OfferCreated(IEnumerable<string> credentialConfigurationIds)
    {
        ArgumentNullException.ThrowIfNull(credentialConfigurationIds);
        foreach (var id in credentialConfigurationIds)
        {
            _offers.Add(1, new KeyValuePair<string, object?>("credential_configuration_id", id));
        }
    }

    public void TokenRequest(string? grantType, string outcome) =>
        _tokens.Add(
            1,
            new KeyValuePair<string, object?>(
                "grant_type",
                grantType is not null && KnownGrantTypes.Contains(grantType) ? grantType : "other"
            ),
            new KeyValuePair<string, object?>("outcome", outcome)
        );

    public void CredentialRequest(string endpoint, string outcome) =>
        _credentials.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("outcome", outcome));

    public void DeferredWait(TimeSpan wait, bool issued) =>
        _deferredWait.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("outcome", issued ? "issued" : "denied"));
}
