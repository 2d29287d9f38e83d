using System.Security.Cryptography.X509Certificates;
using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.Credentials.Jose;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Issuer.Clients;

/// <summary>
/// The registered clients' keys and the trusted wallet providers' keys, parsed once from <see cref="IssuerOptions"/>
/// (validated at start by <see cref="ClientSettingsValidator"/>).
/// </summary>
public sealed class ClientRegistry : IDisposable
{
    private readonly Dictionary<string, IJwsKeyResolver> _clients = new(StringComparer.Ordinal);
    private readonly HttpClient? _jwksHttp;
    private readonly Dictionary<string, IJwsKeyResolver> _attesters = new(StringComparer.Ordinal);
    private readonly List<X509Certificate2> _anchors = [];

    public ClientRegistry(IOptions<IssuerOptions> options, IOptions<DidWebOptions> didWeb, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(didWeb);
        foreach (var client in options.Value.Clients)
        {
            if (client.Jwks.Length > 0 && JwksKeyResolver.TryParse(client.Jwks, out var keys, out _))
            {
                _clients[client.ClientId] = keys!;
            }
            else if (Uri.TryCreate(client.JwksUri, UriKind.Absolute, out var jwksUri))
            {
                // The same SSRF guard and limits as did:web documents (DidWeb settings).
                _jwksHttp ??= DidWebResolver.CreateHttpClient(didWeb.Value);
                _clients[client.ClientId] = new JwksUriKeyResolver(jwksUri, _jwksHttp, didWeb.Value, time);
            }
        }
        foreach (var attester in options.Value.ClientAttestation.Attesters)
        {
            _attesters[attester.Issuer] = new FirstOfResolver(Clients.AttesterKeys.Resolvers(attester, time, _anchors));
        }
        MaxAttestationLifetime = TimeSpan.FromSeconds(options.Value.ClientAttestation.MaxAttestationLifetimeSeconds);
    }

    /// <summary>Whether <c>private_key_jwt</c> is offered (a client is registered).</summary>
    public bool HasRegisteredClients => _clients.Count > 0;

    /// <summary>Whether attestation-based client authentication is offered (a wallet provider is trusted).</summary>
    public bool HasAttesters => _attesters.Count > 0;

    public TimeSpan MaxAttestationLifetime { get; }

    /// <summary>The keys of a registered client, or null when <paramref name="clientId"/> is not registered.</summary>
    public IJwsKeyResolver? ClientKeys(string clientId) => _clients.GetValueOrDefault(clientId);

    /// <summary>The keys of a trusted wallet provider, or null when <paramref name="issuer"/> is not trusted.</summary>
    public IJwsKeyResolver? AttesterKeys(string issuer) => _attesters.GetValueOrDefault(issuer);

    public void Dispose()
    {
        _jwksHttp?.Dispose();
        foreach (var anchor in _anchors)
        {
            anchor.Dispose();
        }
    }

    /// <summary>The first resolver that finds a key (an <c>x5c</c> header goes to the chain, a <c>kid</c> to the JWKS).</summary>
    private sealed class FirstOfResolver(List<IJwsKeyResolver> resolvers) : IJwsKeyResolver
    {
        public async ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken)
        {
            var last = VerificationResult<ResolvedKey>.Fail(VerificationFailure.KeyNotFound, "The wallet provider has no keys.");
            foreach (var resolver in resolvers)
            {
                last = await resolver.ResolveAsync(jws, cancellationToken).ConfigureAwait(false);
                if (last.Succeeded)
                {
                    return last;
                }
            }
            return last;
        }
    }
}
