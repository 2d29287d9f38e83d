using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.ServiceDefaults.Webhooks;

/// <summary>One status change to deliver to <see cref="Target"/> as a CloudEvent.</summary>
public sealed record WebhookEvent(Uri Target, string Type, string Subject, JsonNode Data);
