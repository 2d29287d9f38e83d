using System.IO.Compression;

namespace GaiaX.Oid4vc.Credentials.Status;

/// <summary>
/// GZIP (W3C Bitstring Status List) and ZLIB (IETF Token Status List) for status lists, with the decompressed size
/// bounded: a list fetched from another host is never inflated beyond what the caller accepts.
/// </summary>
internal static class StatusListCompression
{
    public static byte[] Gzip(ReadOnlySpan<byte> bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(bytes);
        }
        return output.ToArray();
    }

    public static byte[] Zlib(ReadOnlySpan<byte> bytes)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(bytes);
        }
        return output.ToArray();
    }

    /// <summary>Inflates GZIP or ZLIB data; <c>null</c> when it is not valid or inflates beyond <paramref name="maxBytes"/>.</summary>
    public static byte[]? Inflate(byte[] compressed, bool gzip, int maxBytes)
    {
        try
        {
            using var input = new MemoryStream(compressed, writable: false);
            using Stream inflater = gzip
                ? new GZipStream(input, CompressionMode.Decompress)
                : new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = inflater.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    return null;
                }
                output.Write(buffer, 0, read);
            }
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
