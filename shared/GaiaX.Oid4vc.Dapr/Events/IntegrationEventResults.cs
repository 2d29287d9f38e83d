using Microsoft.AspNetCore.Http;

namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>The answers a subscriber gives the sidecar (Dapr's <c>{"status": ...}</c> contract).</summary>
public static class IntegrationEventResults
{
    /// <summary>Processed; do not redeliver.</summary>
    public static IResult Success() => Results.Json(new StatusBody("SUCCESS"));

    /// <summary>Redeliver later (counts towards the retry limit, then the dead-letter topic).</summary>
    public static IResult Retry() => Results.Json(new StatusBody("RETRY"));

    /// <summary>Never deliver again (e.g. a malformed event); the sidecar logs and discards it.</summary>
    public static IResult Drop() => Results.Json(new StatusBody("DROP"));

    /// <summary>The sidecar's answer for a handler's <see cref="IntegrationEventResult"/>.</summary>
    public static IResult From(IntegrationEventResult result) =>
        result switch
        {
            IntegrationEventResult.Success => Success(),
            IntegrationEventResult.Retry => Retry(),
            IntegrationEventResult.Drop => Drop(),
            _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Not an integration event result."),
        };

    private sealed record StatusBody(string Status);
}
