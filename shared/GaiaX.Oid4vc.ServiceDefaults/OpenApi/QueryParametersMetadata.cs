namespace GaiaX.Oid4vc.ServiceDefaults.OpenApi;

/// <summary>The query parameters of a protocol endpoint that reads the query itself (e.g. <c>/authorize</c>).</summary>
public sealed record QueryParametersMetadata(IReadOnlyList<string> Required, IReadOnlyList<string> Optional);
