namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// Marks an endpoint whose errors are OAuth 2.0 error objects (<c>error</c>, <c>error_description</c>,
/// RFC 6749 section 5.2) rather than RFC 9457 problem details: the token, PAR, credential,
/// request-object and response endpoints. Shared middleware that refuses a request before the
/// endpoint runs (e.g. <see cref="FormBodyGuardMiddleware"/>) answers such an endpoint in its own
/// vocabulary. Added with <c>WithProtocolErrors()</c>.
/// </summary>
public sealed class ProtocolEndpointMetadata
{
    public static readonly ProtocolEndpointMetadata Instance = new();

    private ProtocolEndpointMetadata() { }
}
