using System.Net;
using System.Text.RegularExpressions;

namespace GaiaX.Oid4vc.WebConsole.Tests;

/// <summary>
/// The console over plain HTTP, as a browser without scripts would use it: cookies kept, redirects not followed, forms
/// posted with the antiforgery token the page rendered.
/// </summary>
public sealed partial class ConsoleHttpSession : IDisposable
{
    private readonly HttpClient _http;

    public ConsoleHttpSession(Uri console)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = console,
        };
    }

    /// <summary>Every page body this session received.</summary>
    public List<string> Bodies { get; } = [];

    public static async Task<ConsoleHttpSession> SignInAsync(Uri console)
    {
        var session = new ConsoleHttpSession(console);
        var (_, page) = await session.GetAsync("/signin");
        using var response = await session.PostFormAsync("/signin", page, []);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The development sign-in answered {(int)response.StatusCode}");
        }
        return session;
    }

    public async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path)
    {
        var response = await _http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Bodies.Add(body);
        return (response, body);
    }

    /// <summary>Posts <paramref name="fields"/> with the antiforgery token of <paramref name="page"/> (the last form's).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string page, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = AntiforgeryToken().Matches(page).Last().Groups[1].Value;
        return await PostAsync(path, [.. fields, new("__RequestVerificationToken", token)]);
    }

    /// <summary>Posts exactly <paramref name="fields"/> (no antiforgery token unless it is among them).</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        var response = await _http.PostAsync(path, content);
        Bodies.Add(await response.Content.ReadAsStringAsync());
        return response;
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
