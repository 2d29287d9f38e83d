namespace GaiaX.Oid4vc.Verifier.Dcql;

/// <summary>A Trusted Authorities Query (§6.1.1), e.g. <c>{"type":"aki","values":[…]}</c>.</summary>
public sealed record TrustedAuthoritiesQuery(string Type, IReadOnlyList<string> Values);
