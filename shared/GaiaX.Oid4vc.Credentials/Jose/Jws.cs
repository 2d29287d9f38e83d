using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>Compact JWS (RFC 7515): creating with a <see cref="SigningKey"/>, parsing under a <see cref="JwsPolicy"/>.</summary>
public static class Jws
{
    private static readonly JsonDocumentOptions StrictJson = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    /// <summary>
    /// Signs <paramref name="payload"/>. The header gets <c>alg</c> from the key, and <c>kid</c>
    /// from the key unless the header sets one or carries <c>x5c</c>/<c>jwk</c>.
    /// </summary>
    public static string Create(JsonObject header, JsonNode payload, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return Create(header, Serialize(payload), key);
    }

    /// <summary>Signs raw payload bytes (for payloads that are not JSON, or already serialized).</summary>
    public static string Create(JsonObject header, ReadOnlySpan<byte> payload, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(key);
        header["alg"] = key.Algorithm;
        if (key.KeyId is not null && !header.ContainsKey("kid") && !header.ContainsKey("jwk") && !header.ContainsKey("x5c"))
        {
            header["kid"] = key.KeyId;
        }
        // The signing input is built once as ASCII bytes; the token string is made once at the end.
        var headerBytes = Serialize(header);
        var headerLength = Base64Url.GetEncodedLength(headerBytes.Length);
        var inputLength = headerLength + 1 + Base64Url.GetEncodedLength(payload.Length);
        var input = ArrayPool<byte>.Shared.Rent(inputLength);
        try
        {
            Base64Url.EncodeToUtf8(headerBytes, input);
            input[headerLength] = (byte)'.';
            Base64Url.EncodeToUtf8(payload, input.AsSpan(headerLength + 1));
            var signature = key.Sign(input.AsSpan(0, inputLength));
            var tokenLength = inputLength + 1 + Base64Url.GetEncodedLength(signature.Length);
            return string.Create(tokenLength, (Input: input, InputLength: inputLength, Signature: signature), static (chars, state) =>
            {
                Encoding.ASCII.GetChars(state.Input.AsSpan(0, state.InputLength), chars);
                chars[state.InputLength] = '.';
                Base64Url.EncodeToChars(state.Signature, chars[(state.InputLength + 1)..]);
            });
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    /// <summary>UTF-8 JSON of a node, compact.</summary>
    public static byte[] Serialize(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Parses a compact JWS and checks everything that does not need the key: size, structure,
    /// base64url, JSON, <c>alg</c> (never <c>none</c> or HMAC), <c>typ</c>, <c>cty</c>, <c>crit</c>
    /// and, when the policy requires it, <c>kid</c>.
    /// </summary>
    public static VerificationResult<ParsedJws> Parse(string? token, JwsPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (string.IsNullOrEmpty(token))
        {
            return Fail(VerificationFailure.Malformed, "The token is empty.");
        }
        if (token.Length > policy.MaxTokenLength)
        {
            return Fail(
                VerificationFailure.Oversized,
                $"The token is {token.Length} characters long; at most {policy.MaxTokenLength} are accepted."
            );
        }
        var splitError = Split(token, out var second, out var headerBytes, out var payloadBytes, out var signature);
        if (splitError is not null)
        {
            return splitError;
        }
        if (!TryParseObject(headerBytes, out var header))
        {
            return Fail(VerificationFailure.BadJson, "The header is not a JSON object.");
        }
        var headerError = CheckHeader(header, policy);
        if (headerError is not null)
        {
            return headerError;
        }
        // Checked after the header, so an unsecured JWS (alg none, empty signature) is named as such.
        if (signature.Length == 0)
        {
            return Fail(VerificationFailure.Malformed, "The token has no signature.");
        }
        if (!TryParseObject(payloadBytes, out var payload))
        {
            return Fail(VerificationFailure.BadJson, "The payload is not a JSON object.");
        }
        return VerificationResult<ParsedJws>.Success(new ParsedJws(token, header, payload, signature, second));
    }

    /// <summary>
    /// Reads only the structure of a compact JWS: three parts, base64url, a JSON object header and
    /// payload. Nothing in the header is judged and an empty signature is not refused, for a caller
    /// that reports each fault of a JWS itself (the compliance engine lists every failure at once).
    /// </summary>
    public static VerificationResult<JwsParts> ParseParts(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return VerificationResult<JwsParts>.Fail(VerificationFailure.Malformed, "The token is empty.");
        }
        var splitError = Split(token, out var second, out var headerBytes, out var payloadBytes, out var signature);
        if (splitError is not null)
        {
            return splitError;
        }
        if (!TryParseDocument(headerBytes, out var header))
        {
            return VerificationResult<JwsParts>.Fail(VerificationFailure.BadJson, "The header is not a JSON object.");
        }
        if (!TryParseDocument(payloadBytes, out var payload))
        {
            header.Dispose();
            return VerificationResult<JwsParts>.Fail(VerificationFailure.BadJson, "The payload is not a JSON object.");
        }
        return VerificationResult<JwsParts>.Success(new JwsParts(token, header, payload, signature, second));
    }

    /// <summary>Parse, resolve the key, check the signature, then the lifetime.</summary>
    public static async ValueTask<VerificationResult<VerifiedJws>> VerifyAsync(
        string? token,
        JwsPolicy policy,
        IJwsKeyResolver resolver,
        TimeProvider time,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(time);
        var parsed = Parse(token, policy);
        if (!parsed.Succeeded)
        {
            return parsed.Error;
        }
        var jws = parsed.Value;
        var resolved = await resolver.ResolveAsync(jws, cancellationToken).ConfigureAwait(false);
        if (!resolved.Succeeded)
        {
            return resolved.Error;
        }
        var signatureError = jws.VerifySignature(resolved.Value.Key);
        if (signatureError is not null)
        {
            return signatureError;
        }
        var lifetimeError = jws.ValidateLifetime(policy, time.GetUtcNow());
        if (lifetimeError is not null)
        {
            return lifetimeError;
        }
        return VerificationResult<VerifiedJws>.Success(new VerifiedJws(jws, resolved.Value));
    }

    internal static bool TryParseObject(byte[] utf8, out JsonElement element)
    {
        element = default;
        if (!TryParseDocument(utf8, out var document))
        {
            return false;
        }
        using (document)
        {
            element = document.RootElement.Clone();
            return true;
        }
    }

    /// <summary>
    /// Parses a JSON object strictly (well-formed UTF-8, no lone surrogates, duplicate member names
    /// refused: RFC 7515 section 4 lets us reject or take the last; we reject). The document comes
    /// from the pool and is the caller's to dispose.
    /// </summary>
    internal static bool TryParseDocument(byte[] utf8, [NotNullWhen(true)] out JsonDocument? document)
    {
        document = null;
        if (!IsWellFormedText(utf8))
        {
            return false;
        }
        try
        {
            document = JsonDocument.Parse(utf8, StrictJson);
        }
        catch (JsonException)
        {
            return false;
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            document = null;
            return false;
        }
        return true;
    }

    /// <summary>
    /// Whether JSON text is valid UTF-8 and none of its strings escapes a lone surrogate: the JSON
    /// reader only notices either when a string is read, which would then throw deep in a check.
    /// </summary>
    internal static bool IsWellFormedText(ReadOnlySpan<byte> utf8)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return false;
        }
        if (utf8.IndexOf("\\u"u8) < 0)
        {
            return true;
        }
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = StrictJson.MaxDepth });
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    _ = reader.GetString();
                }
            }
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Splits at the two dots and decodes the three parts (strict base64url).</summary>
    private static VerificationError? Split(string token, out int second, out byte[] header, out byte[] payload, out byte[] signature)
    {
        header = payload = signature = [];
        var first = token.IndexOf('.', StringComparison.Ordinal);
        second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second < 0)
        {
            return new VerificationError(VerificationFailure.Malformed, "A compact JWS has three dot-separated parts.");
        }
        if (token.IndexOf('.', second + 1) >= 0)
        {
            return new VerificationError(
                VerificationFailure.Malformed,
                "The token has more than three parts (JWE and nested forms are not accepted here)."
            );
        }
        if (second == first + 1)
        {
            return new VerificationError(VerificationFailure.Malformed, "The token has an empty payload.");
        }
        if (!Base64UrlStrict.TryDecode(token.AsSpan(0, first), out header))
        {
            return new VerificationError(VerificationFailure.BadBase64, "The header is not base64url.");
        }
        if (!Base64UrlStrict.TryDecode(token.AsSpan(first + 1, second - first - 1), out payload))
        {
            return new VerificationError(VerificationFailure.BadBase64, "The payload is not base64url.");
        }
        if (!Base64UrlStrict.TryDecode(token.AsSpan(second + 1), out signature))
        {
            return new VerificationError(VerificationFailure.BadBase64, "The signature is not base64url.");
        }
        return null;
    }

    private static VerificationError? CheckHeader(JsonElement header, JwsPolicy policy)
    {
        if (!header.TryGetProperty("alg", out var algElement) || algElement.ValueKind != JsonValueKind.String)
        {
            return new VerificationError(VerificationFailure.AlgorithmNotAllowed, "The header has no alg.");
        }
        var alg = algElement.GetString()!;
        if (string.Equals(alg, "none", StringComparison.OrdinalIgnoreCase))
        {
            return new VerificationError(VerificationFailure.AlgorithmNone, "Unsecured JWS (alg none) is not accepted.");
        }
        if (
            alg.StartsWith("HS", StringComparison.OrdinalIgnoreCase)
            || !policy.AllowedAlgorithms.Contains(alg)
            || !JwsAlgorithms.Verification.Contains(alg)
        )
        {
            return new VerificationError(VerificationFailure.AlgorithmNotAllowed, $"The algorithm '{alg}' is not accepted here.");
        }
        if (header.TryGetProperty("enc", out _))
        {
            return new VerificationError(VerificationFailure.Malformed, "A JWE header is not a JWS header.");
        }
        var typ = ParsedJws.OptionalString(header, "typ");
        if (header.TryGetProperty("typ", out var typElement) && typElement.ValueKind != JsonValueKind.String)
        {
            return new VerificationError(VerificationFailure.WrongType, "typ must be a string.");
        }
        if (policy.AllowedTypes.Count > 0)
        {
            var normalized =
                typ is not null && typ.StartsWith("application/", StringComparison.OrdinalIgnoreCase) ? typ["application/".Length..] : typ;
            if (normalized is null || !policy.AllowedTypes.Contains(normalized))
            {
                return new VerificationError(
                    VerificationFailure.WrongType,
                    $"typ '{typ ?? "(none)"}' is not accepted here; expected {string.Join(" or ", policy.AllowedTypes)}."
                );
            }
        }
        if (policy.AllowedContentTypes.Count > 0)
        {
            var cty = ParsedJws.OptionalString(header, "cty");
            if ((cty is null && policy.RequireContentType) || (cty is not null && !policy.AllowedContentTypes.Contains(cty)))
            {
                return new VerificationError(
                    VerificationFailure.WrongContentType,
                    $"cty '{cty ?? "(none)"}' is not accepted here; expected {string.Join(" or ", policy.AllowedContentTypes)}."
                );
            }
        }
        if (header.TryGetProperty("crit", out var crit))
        {
            // RFC 7515 §4.1.11: a non-empty array of names present in the header, none of them registered names.
            if (crit.ValueKind != JsonValueKind.Array || crit.GetArrayLength() == 0)
            {
                return new VerificationError(VerificationFailure.UnknownCritical, "crit must be a non-empty array.");
            }
            foreach (var entry in crit.EnumerateArray())
            {
                var name = entry.ValueKind == JsonValueKind.String ? entry.GetString() : null;
                if (name is null || !policy.UnderstoodCritical.Contains(name) || !header.TryGetProperty(name, out _))
                {
                    return new VerificationError(
                        VerificationFailure.UnknownCritical,
                        $"The critical header parameter '{name}' is not understood."
                    );
                }
            }
        }
        if (policy.RequireKeyId && string.IsNullOrEmpty(ParsedJws.OptionalString(header, "kid")))
        {
            return new VerificationError(VerificationFailure.MissingKeyId, "The header has no kid.");
        }
        return null;
    }

    private static VerificationResult<ParsedJws> Fail(VerificationFailure reason, string message) =>
        VerificationResult<ParsedJws>.Fail(reason, message);
}
