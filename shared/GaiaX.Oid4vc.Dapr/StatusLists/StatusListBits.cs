namespace GaiaX.Oid4vc.Dapr.StatusLists;

/// <summary>
/// The statuses of one list, two bits per entry as the Token Status List has them (0 valid, 1 revoked, 2 suspended),
/// and a version that grows with every change (state <c>status-list:{n}:bits</c>; absent means all valid).
/// </summary>
public sealed record StatusListBits(byte[] Statuses, long Version);
