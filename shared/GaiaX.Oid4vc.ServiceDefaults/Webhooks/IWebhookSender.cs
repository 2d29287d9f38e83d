namespace GaiaX.Oid4vc.ServiceDefaults.Webhooks;

/// <summary>Queues a status change for delivery; never blocks or fails the change itself.</summary>
public interface IWebhookSender
{
    void Enqueue(WebhookEvent webhook);

    /// <summary>Whether <paramref name="callbackUrl"/> may be called at all: what is wrong with it, or null.</summary>
    string? Check(string callbackUrl);
}
