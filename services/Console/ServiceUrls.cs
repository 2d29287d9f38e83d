namespace GaiaX.Oid4vc.WebConsole;

/// <summary>Where the console reaches each service's public API (<c>Console:Services:*</c>).</summary>
public sealed class ServiceUrls
{
    public string? Issuer { get; set; }

    public string? Verifier { get; set; }

    public string? Notary { get; set; }

    public string? Compliance { get; set; }

    public string? Registry { get; set; }

    public IEnumerable<(string Name, string? Url)> All =>
        [
            (nameof(Issuer), Issuer),
            (nameof(Verifier), Verifier),
            (nameof(Notary), Notary),
            (nameof(Compliance), Compliance),
            (nameof(Registry), Registry),
        ];

    public Uri Of(ServiceApi service) =>
        new(
            service switch
            {
                ServiceApi.Issuer => Issuer,
                ServiceApi.Verifier => Verifier,
                ServiceApi.Notary => Notary,
                ServiceApi.Compliance => Compliance,
                ServiceApi.Registry => Registry,
                _ => throw new ArgumentOutOfRangeException(nameof(service)),
            } ?? throw new InvalidOperationException($"Console:Services:{service} is not set."),
            UriKind.Absolute
        );
}
