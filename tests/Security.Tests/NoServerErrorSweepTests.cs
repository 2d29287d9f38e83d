using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Security.Tests;

/// <summary>
/// "No endpoint answers 5xx for any input a client controls": every route every service lists in
/// its OpenAPI document, plus the protocol routes, is sent hostile path values and bodies — with and
/// without the management token, so that the body parsers behind authorization are reached too.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class NoServerErrorSweepTests(StackFixture fixture)
{
    private static readonly string[] HostileIds =
    [
        "a||b",
        "a%7C%7Cb",
        "%00",
        "%C3%28",
        "..%2F..%2Fetc%2Fpasswd",
        new('x', 2000),
        "%F0%9F%92%A9",
        "%20",
    ];

    /// <summary>Routes the OpenAPI documents leave out (protocol and discovery routes).</summary>
    private static readonly (string Service, string Method, string Path)[] ProtocolRoutes =
    [
        ("issuer", "GET", "/.well-known/openid-credential-issuer"),
        ("issuer", "GET", "/.well-known/oauth-authorization-server"),
        ("issuer", "GET", "/credential-offer/{id}"),
        ("issuer", "POST", "/par"),
        ("issuer", "GET", "/authorize"),
        ("issuer", "POST", "/token"),
        ("issuer", "POST", "/nonce"),
        ("issuer", "POST", "/credential"),
        ("issuer", "POST", "/deferred_credential"),
        ("issuer", "POST", "/notification"),
        ("issuer", "GET", "/api/offers/{id}"),
        ("issuer", "POST", "/api/offers"),
        ("verifier", "GET", "/request/{id}"),
        ("verifier", "POST", "/request/{id}"),
        ("verifier", "POST", "/response/{id}"),
        ("verifier", "POST", "/api/presentation-requests"),
        ("verifier", "GET", "/api/presentation-requests/{id}"),
    ];

    [Theory]
    [InlineData("issuer")]
    [InlineData("verifier")]
    [InlineData("notary")]
    [InlineData("compliance")]
    public async Task No_route_answers_a_server_error_to_hostile_input(string service)
    {
        var routes = await RoutesAsync(service);
        Assert.NotEmpty(routes);
        var walletToken = service == "issuer" ? await fixture.WalletAccessTokenAsync() : null;
        // A live identifier as well, so that what runs behind the look-up is reached too.
        var liveId = service switch
        {
            "issuer" => await fixture.OfferIdAsync(),
            "verifier" => await fixture.PresentationRequestIdAsync(),
            _ => "DE812345673",
        };
        var failures = new List<string>();
        foreach (var (method, template) in routes)
        {
            foreach (var path in Paths(template, liveId))
            {
                foreach (var authorized in new[] { false, true })
                {
                    foreach (var body in method is "GET" or "DELETE" ? [null] : Bodies())
                    {
                        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(fixture.Stack[service].BaseUrl, path));
                        if (authorized && service is "issuer" or "verifier")
                        {
                            // Management routes take the back office's token, the Issuer's protocol routes a wallet's.
                            var token = !path.StartsWith("/api/", StringComparison.Ordinal) && walletToken is not null ? walletToken
                                : service == "issuer" ? fixture.Tokens.IssuerToken() : fixture.Tokens.VerifierToken();
                            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                        }
                        if (body is not null)
                        {
                            request.Content = body.Value.Create();
                        }
                        using var response = await fixture.Client.SendAsync(request);
                        if ((int)response.StatusCode >= 500)
                        {
                            failures.Add($"{method} {path} [{body?.Name ?? "no body"}{(authorized ? ", token" : "")}] -> {(int)response.StatusCode} {Truncate(await response.Content.ReadAsStringAsync())}");
                        }
                    }
                    if (!(service is "issuer" or "verifier"))
                    {
                        break;
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures.Distinct().Take(40)));
    }

    private async Task<List<(string Method, string Path)>> RoutesAsync(string service)
    {
        var routes = new HashSet<(string, string)>();
        var document = JsonNode.Parse(await fixture.Client.GetStringAsync(new Uri(fixture.Stack[service].BaseUrl, "/openapi/v1.json")))!;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, _) in item!.AsObject())
            {
                if (method is "get" or "post" or "put" or "delete" or "patch")
                {
                    routes.Add((method.ToUpperInvariant(), path));
                }
            }
        }
        foreach (var (owner, method, path) in ProtocolRoutes)
        {
            if (owner == service)
            {
                routes.Add((method, path));
            }
        }
        return [.. routes];
    }

    private static IEnumerable<string> Paths(string template, string liveId)
    {
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            yield return template + "?id=a||b&client_id=%00&request_uri=a||b&subjectId=1&subjectId=2&x=" + new string('y', 3000);
            yield return template;
            yield break;
        }
        foreach (var id in HostileIds.Append(liveId))
        {
            var start = template.IndexOf('{', StringComparison.Ordinal);
            var end = template.IndexOf('}', start);
            yield return string.Concat(template.AsSpan(0, start), id, template.AsSpan(end + 1)).Replace("{", "x", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal);
        }
    }

    private readonly record struct Body(string Name, Func<HttpContent> Create);

    private static IEnumerable<Body?> Bodies()
    {
        yield return new Body("invalid utf-8 json", () => Bytes([.. "{\"credential_configuration_id\":\""u8, 0xC3, 0x28, .. "\",\"transaction_id\":\""u8, 0xFF, .. "\"}"u8], "application/json"));
        // Text that is not Unicode under the Verifier's own key names, so that it reaches the DCQL parser,
        // the request validator and the response reader rather than stopping at an unknown member.
        yield return new Body("invalid utf-8 in verifier json", () => Bytes([.. "{\"dcql_query\":{\"credentials\":[{\"id\":\""u8, 0xC3, 0x28, .. "\",\"format\":\"jwt_vc_json\",\"meta\":{\"type_values\":[[\"x\"]]}}]},\"response_mode\":\"direct_post\",\"vp_token\":{\"q\":[\""u8, 0xC3, 0x28, .. "\"]}}"u8], "application/json"));
        yield return new Body("lone surrogate in dcql id", () => Text("""{"dcql_query":{"credentials":[{"id":"\udc00","format":"jwt_vc_json","meta":{"type_values":[["x"]]}}]},"response_mode":"direct_post"}""", "application/json"));
        yield return new Body("lone surrogate in response_mode", () => Text("""{"dcql_query":{"credentials":[{"id":"q","format":"jwt_vc_json","meta":{"type_values":[["x"]]}}]},"response_mode":"\ud800"}""", "application/json"));
        yield return new Body("lone surrogate in vp_token names", () => Text("""{"vp_token":{"\udc00":["x"]},"\udc00":1,"state":"\udc00"}""", "application/json"));
        yield return new Body("form lone surrogate vp_token", () => Text("vp_token=%7B%22%5Cudc00%22%3A%5B%22x%22%5D%7D&state=%5Cudc00", "application/x-www-form-urlencoded"));
        yield return new Body("json array", () => Text("[]", "application/json"));
        yield return new Body("json null", () => Text("null", "application/json"));
        yield return new Body("json wrong types", () => Text("""{"credential_configuration_id":{},"credential_identifier":[1],"proofs":"x","transaction_id":7,"notification_id":true,"event":1,"credential_configuration_ids":"VatID","claims":[],"tx_code":"x","expires_in":-1e400,"subject_id":{},"dcql_query":"x","response_mode":1,"vp_token":1,"certs":1,"registrationNumber":{}}""", "application/json"));
        yield return new Body("json huge number", () => Text("""{"expires_in":1e400,"batch":123456789012345678901234567890,"length":1e999}""", "application/json"));
        yield return new Body("json deep nesting", () => Text(new string('[', 5000) + new string(']', 5000), "application/json"));
        yield return new Body("json truncated", () => Text("""{"a":""", "application/json"));
        yield return new Body("empty json", () => Text("", "application/json"));
        yield return new Body("json duplicate members", () => Text("""{"transaction_id":"a","transaction_id":"b","credential_configuration_ids":["VatID"],"credential_configuration_ids":["VatID"]}""", "application/json"));
        yield return new Body("form", () => Text("grant_type=authorization_code&code=a||b&response=%00x&vp_token=%7B&request_uri=a||b&client_id=x", "application/x-www-form-urlencoded"));
        yield return new Body("form repeated", () => Text("grant_type=a&grant_type=b&vp_token=1&vp_token=2&state=a&state=b", "application/x-www-form-urlencoded"));
        yield return new Body("text", () => Text("hello", "text/plain"));
        yield return new Body("xml", () => Text("<a>&xxe;</a>", "application/xml"));
    }

    private static ByteArrayContent Bytes(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private static ByteArrayContent Text(string text, string mediaType) => Bytes(Encoding.UTF8.GetBytes(text), mediaType);

    private static string Truncate(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
