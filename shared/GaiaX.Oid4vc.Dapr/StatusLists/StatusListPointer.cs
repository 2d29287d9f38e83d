namespace GaiaX.Oid4vc.Dapr.StatusLists;

/// <summary>The list new credentials go to (state <c>status-list:pointer</c>).</summary>
public sealed record StatusListPointer(int Current);
