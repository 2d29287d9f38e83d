namespace GaiaX.Oid4vc.ServiceDefaults.OpenApi;

/// <summary>
/// Documents a JSON request body for a handler that reads it itself, with the schema of
/// <see cref="BodyType"/>. Unlike <c>Accepts()</c> it adds no content-type constraint to routing, so a
/// wrong media type still reaches the handler and gets the endpoint's own error (OAuth error or problem
/// details) instead of a bare 415.
/// </summary>
public sealed class JsonBodyMetadata(Type bodyType)
{
    /// <summary>The type whose JSON schema the body follows.</summary>
    public Type BodyType { get; } = bodyType;
}
