using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>Finds (and vouches for) the public key a JWS must be verified with.</summary>
public interface IJwsKeyResolver
{
    ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken);
}
