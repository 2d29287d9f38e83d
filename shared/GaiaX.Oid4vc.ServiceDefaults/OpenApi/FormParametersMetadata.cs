namespace GaiaX.Oid4vc.ServiceDefaults.OpenApi;

/// <summary>
/// The <c>application/x-www-form-urlencoded</c> parameters of a protocol endpoint that reads its form
/// itself (token, PAR, authorization response): the framework cannot infer them, and a client
/// generator needs them to call the endpoint at all. Added with <c>AcceptsForm(...)</c>.
/// </summary>
public sealed record FormParametersMetadata(IReadOnlyList<string> Required, IReadOnlyList<string> Optional);
