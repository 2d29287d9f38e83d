using Microsoft.AspNetCore.Http;
using QRCoder;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// QR codes of wallet invocation URIs (credential offers, presentation requests), drawn one way
/// everywhere: images at error correction M and 8 pixels a module, terminal text at level L so
/// that it stays small enough to scan off a console.
/// </summary>
public static class QrCodes
{
    private const int PixelsPerModule = 8;

    /// <summary>The QR code of <paramref name="text"/> as a PNG image (<c>image/png</c>).</summary>
    public static IResult Png(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        return Results.File(png.GetGraphic(PixelsPerModule), "image/png");
    }

    /// <summary>The QR code of <paramref name="text"/> as an SVG image (<c>image/svg+xml</c>).</summary>
    public static IResult Svg(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return Results.Text(svg.GetGraphic(PixelsPerModule), "image/svg+xml");
    }

    /// <summary>The QR code of <paramref name="text"/> drawn with block characters, for a terminal.</summary>
    public static string Terminal(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.L);
        using var ascii = new AsciiQRCode(data);
        return ascii.GetGraphicSmall();
    }
}
