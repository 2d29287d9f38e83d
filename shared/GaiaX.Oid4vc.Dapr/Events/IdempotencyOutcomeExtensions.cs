namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>What a guarded effect means for the delivery that ran it.</summary>
public static class IdempotencyOutcomeExtensions
{
    /// <summary>
    /// <see cref="IdempotencyOutcome.InProgress"/> → <see cref="IntegrationEventResult.Retry"/> (another
    /// delivery is running the effect and may fail), otherwise <see cref="IntegrationEventResult.Success"/>.
    /// </summary>
    public static IntegrationEventResult ToResult(this IdempotencyOutcome outcome) =>
        outcome == IdempotencyOutcome.InProgress ? IntegrationEventResult.Retry : IntegrationEventResult.Success;
}
