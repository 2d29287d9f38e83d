using System.Net;
using System.Text;
using GaiaX.Oid4vc.Wallet;
using GaiaX.Oid4vc.Wallet.Issuance;
using Microsoft.Extensions.Time.Testing;

namespace Wallet.Tests;

/// <summary>Deferred issuance (OpenID4VCI 1.0 §9) against a scripted deferred endpoint: no request before the interval.</summary>
public sealed class DeferredPollingTests
{
    private static readonly IssuerContext Context = new(
        new IssuerMetadata("https://issuer.example", [], new Uri("https://issuer.example/credential"), null, new Uri("https://issuer.example/deferred"), null, new Dictionary<string, CredentialConfiguration>()),
        new AuthorizationServerMetadata("https://issuer.example", new Uri("https://issuer.example/token"), null, null, false, true));

    private static readonly WalletToken Token = new("at", "Bearer", []);

    [Fact]
    public async Task Deferred_endpoint_is_asked_only_after_each_interval_and_the_credential_is_returned()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var answers = new Queue<(HttpStatusCode, string)>([
            (HttpStatusCode.Accepted, """{"transaction_id":"tx-1","interval":7}"""),
            (HttpStatusCode.OK, """{"credentials":[{"credential":"a.b.c"}],"notification_id":"n-1"}"""),
        ]);
        var handler = new ScriptedHandler(time, answers);
        using var key = HolderKey.Create();
        var client = new Oid4vciClient(new HttpClient(handler), key, time);

        var polling = client.PollDeferredAsync(Context, Token, new CredentialResult([], null, "tx-1", TimeSpan.FromSeconds(3)));
        await Task.Yield();
        Assert.Empty(handler.Calls);
        time.Advance(TimeSpan.FromSeconds(3));
        await WaitUntilAsync(() => handler.Calls.Count == 1);
        time.Advance(TimeSpan.FromSeconds(6));
        await Task.Delay(50);
        Assert.Single(handler.Calls);
        time.Advance(TimeSpan.FromSeconds(1));
        var result = await polling.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["a.b.c"], result.Credentials);
        Assert.Equal("n-1", result.NotificationId);
        Assert.False(result.IsDeferred);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10)], handler.Calls);
        Assert.All(handler.Bodies, body => Assert.Equal("""{"transaction_id":"tx-1"}""", body));
    }

    [Fact]
    public async Task Deferred_credential_denied_by_the_issuer_ends_polling_with_its_error()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var handler = new ScriptedHandler(time, new Queue<(HttpStatusCode, string)>([(HttpStatusCode.BadRequest, """{"error":"credential_request_denied","error_description":"the registry does not know the number"}""")]));
        using var key = HolderKey.Create();
        var client = new Oid4vciClient(new HttpClient(handler), key, time);

        var polling = client.PollDeferredAsync(Context, Token, new CredentialResult([], null, "tx-1", TimeSpan.FromSeconds(1)));
        time.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<WalletProtocolException>(() => polling.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("credential_request_denied", error.Error);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
        Assert.True(condition());
    }

    private sealed class ScriptedHandler(FakeTimeProvider time, Queue<(HttpStatusCode Status, string Body)> answers) : HttpMessageHandler
    {
        private readonly DateTimeOffset _start = time.GetUtcNow();

        public List<TimeSpan> Calls { get; } = [];

        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal(new Uri("https://issuer.example/deferred"), request.RequestUri);
            Assert.Equal("Bearer at", request.Headers.Authorization?.ToString());
            Bodies.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
            Calls.Add(time.GetUtcNow() - _start);
            var (status, body) = answers.Dequeue();
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request };
        }
    }
}
