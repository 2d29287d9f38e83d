namespace GaiaX.Oid4vc.Issuer;

/// <summary>A display entry for one locale.</summary>
public sealed class DisplayOptions
{
    public string? Name { get; set; }

    public string? Locale { get; set; }

    public string? Description { get; set; }

    public string? LogoUri { get; set; }

    public string? BackgroundColor { get; set; }

    public string? TextColor { get; set; }
}
