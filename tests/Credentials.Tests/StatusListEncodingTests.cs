using System.Buffers.Text;
using System.IO.Compression;
using GaiaX.Oid4vc.Credentials.Status;

namespace GaiaX.Oid4vc.Credentials.Tests;

/// <summary>
/// The two status list encodings against the specifications' examples (IETF Token Status List, Appendix C / section
/// 4.1; W3C Bitstring Status List v1.0, example credential) and against a second, straightforward decoder written here.
/// </summary>
public sealed class StatusListEncodingTests
{
    // draft-ietf-oauth-status-list, 1-bit example: these 16 statuses are the bytes B9 A3, lst "eNrbuRgAAhcBXQ".
    private static readonly byte[] OneBitStatuses = [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1];

    // draft-ietf-oauth-status-list, 2-bit example: 12 statuses, bytes C9 44 F9, lst "eNo76fITAAPfAgc".
    private static readonly byte[] TwoBitStatuses = [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3];

    // W3C Bitstring Status List v1.0, the example BitstringStatusListCredential: 131,072 entries, none set.
    private const string W3cEmptyList = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA";

    [Fact]
    public void Bitstring_entries_written_straight_to_json_equal_the_node_form()
    {
        var revocation = new Uri("https://issuer.example/status-lists/3/revocation");
        var suspension = new Uri("https://issuer.example/status-lists/3/suspension");
        using var stream = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
        {
            StatusListCredentials.WriteBitstringEntries(writer, revocation, suspension, 94_567);
        }

        var written = System.Text.Json.Nodes.JsonNode.Parse(stream.ToArray());
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(StatusListCredentials.BitstringEntries(revocation, suspension, 94_567), written));
        Assert.Equal("https://issuer.example/status-lists/3/suspension#94567", (string?)written![1]!["id"]);
        Assert.Equal("94567", (string?)written[1]!["statusListIndex"]);
    }

    [Fact]
    public void Token_status_list_decodes_the_one_bit_example_of_the_specification()
    {
        var list = TokenStatusList.Decode("eNrbuRgAAhcBXQ", bits: 1)!;

        Assert.Equal(new byte[] { 0xB9, 0xA3 }, list.Bytes.ToArray());
        Assert.Equal(OneBitStatuses, Enumerable.Range(0, 16).Select(i => list[i]).ToArray());
    }

    [Fact]
    public void Token_status_list_decodes_the_two_bit_example_of_the_specification()
    {
        var list = TokenStatusList.Decode("eNo76fITAAPfAgc", bits: 2)!;

        Assert.Equal(new byte[] { 0xC9, 0x44, 0xF9 }, list.Bytes.ToArray());
        Assert.Equal(TwoBitStatuses, Enumerable.Range(0, 12).Select(i => list[i]).ToArray());
    }

    [Fact]
    public void Token_status_list_writes_the_bytes_of_the_specification_examples()
    {
        var one = new TokenStatusList(16, bits: 1);
        var two = new TokenStatusList(12, bits: 2);
        for (var i = 0; i < OneBitStatuses.Length; i++)
        {
            one[i] = OneBitStatuses[i];
        }
        for (var i = 0; i < TwoBitStatuses.Length; i++)
        {
            two[i] = TwoBitStatuses[i];
        }

        Assert.Equal(new byte[] { 0xB9, 0xA3 }, one.Bytes.ToArray());
        Assert.Equal(new byte[] { 0xC9, 0x44, 0xF9 }, two.Bytes.ToArray());
        // ZLIB output may differ byte for byte between compressors; what a reader inflates must not.
        Assert.Equal(new byte[] { 0xB9, 0xA3 }, IndependentInflate(Base64Url.DecodeFromChars(one.Encode()), gzip: false));
        Assert.Equal(new byte[] { 0xC9, 0x44, 0xF9 }, IndependentInflate(Base64Url.DecodeFromChars(two.Encode()), gzip: false));
    }

    [Fact]
    public void Token_status_list_refuses_a_status_wider_than_its_bits()
    {
        var list = new TokenStatusList(8, bits: 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => list[0] = TokenStatusList.Suspended);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenStatusList(8, bits: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => list[8]);
    }

    [Fact]
    public void Bitstring_status_list_decodes_the_example_of_the_specification_to_131072_unset_entries()
    {
        var list = BitstringStatusList.Decode(W3cEmptyList)!;

        Assert.Equal(BitstringStatusList.MinimumEntries, list.Length);
        Assert.DoesNotContain(list.Bytes.ToArray(), b => b != 0);
    }

    [Fact]
    public void Bitstring_status_list_counts_index_zero_from_the_left_most_bit()
    {
        var list = new BitstringStatusList();
        list[0] = true;
        list[9] = true;
        list[BitstringStatusList.MinimumEntries - 1] = true;

        var bytes = list.Bytes.ToArray();
        Assert.Equal(0x80, bytes[0]);
        Assert.Equal(0x40, bytes[1]);
        Assert.Equal(0x01, bytes[^1]);
        list[9] = false;
        Assert.Equal(0x00, list.Bytes[1]);
    }

    [Fact]
    public void Bitstring_status_list_encoding_is_read_back_by_an_independent_decoder()
    {
        var list = new BitstringStatusList();
        var set = new[] { 1, 7, 8, 4242, 94567, 131071 };
        foreach (var index in set)
        {
            list[index] = true;
        }

        var encoded = list.Encode();

        Assert.StartsWith("u", encoded, StringComparison.Ordinal);
        var bytes = IndependentInflate(Base64Url.DecodeFromChars(encoded.AsSpan(1)), gzip: true);
        var independent = Enumerable.Range(0, bytes.Length * 8).Where(i => (bytes[i / 8] >> (7 - (i % 8)) & 1) == 1).ToArray();
        Assert.Equal(set, independent);
        Assert.Equal(set, Enumerable.Range(0, list.Length).Where(i => BitstringStatusList.Decode(encoded)![i]).ToArray());
    }

    [Theory]
    [InlineData("H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA")] // no multibase prefix
    [InlineData("u!!!")] // not base64url
    [InlineData("uAAAA")] // not GZIP
    public void Bitstring_status_list_refuses_what_is_not_an_encoded_list(string encoded) =>
        Assert.Null(BitstringStatusList.Decode(encoded));

    [Fact]
    public void Bitstring_status_list_shorter_than_the_minimum_is_refused()
    {
        var tooShort = "u" + Base64Url.EncodeToString(GzipIndependently(new byte[1024]));

        Assert.Null(BitstringStatusList.Decode(tooShort));
    }

    [Fact]
    public void A_list_that_inflates_beyond_the_bound_is_refused_not_inflated()
    {
        // 64 MiB of zeros compress to about 64 KiB: a decompression bomb for a verifier that fetches lists.
        var bomb = GzipIndependently(new byte[64 * 1024 * 1024]);

        Assert.Null(BitstringStatusList.Decode("u" + Base64Url.EncodeToString(bomb)));
        Assert.Null(TokenStatusList.Decode(Base64Url.EncodeToString(ZlibIndependently(new byte[64 * 1024 * 1024])), 8));
    }

    private static byte[] GzipIndependently(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }
        return output.ToArray();
    }

    private static byte[] ZlibIndependently(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest))
        {
            zlib.Write(bytes);
        }
        return output.ToArray();
    }

    private static byte[] IndependentInflate(byte[] compressed, bool gzip)
    {
        using var input = new MemoryStream(compressed);
        using Stream inflater = gzip ? new GZipStream(input, CompressionMode.Decompress) : new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        inflater.CopyTo(output);
        return output.ToArray();
    }
}

/// <summary>Reading a credential's status references: an entry that cannot be read is checked and found unknown.</summary>
public sealed class StatusListReferenceTests
{
    [Theory]
    [InlineData("""{"credentialStatus": {"type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "x", "statusListCredential": "https://i.example/1"}}""")]
    [InlineData("""{"credentialStatus": [{"type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "4", "statusListCredential": "file:///etc/passwd"}]}""")]
    [InlineData("""{"status": {"status_list": {"idx": -1, "uri": "https://i.example/1"}}}""")]
    [InlineData("""{"status": {"status_list": "https://i.example/1"}}""")]
    public async Task A_malformed_status_entry_gives_status_unknown_not_no_status(string payload)
    {
        using var document = System.Text.Json.JsonDocument.Parse(payload);
        var references = StatusListCredentials.References(document.RootElement);
        using var http = new HttpClient();
        var client = new StatusListClient(http, new GaiaX.Oid4vc.Credentials.Jose.StaticKeyResolver(), TimeProvider.System, new StatusListClientOptions());

        var result = await client.CheckAsync("did:web:i.example", references);

        Assert.True(Assert.Single(references).IsMalformed);
        Assert.Equal(CredentialStatusState.Unknown, result.State);
    }

    [Fact]
    public void A_status_mechanism_this_stack_does_not_know_is_not_read_as_a_list()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"credentialStatus": {"type": "RefreshService2024", "id": "https://i.example/refresh"}}""");

        Assert.Empty(StatusListCredentials.References(document.RootElement));
    }
}
