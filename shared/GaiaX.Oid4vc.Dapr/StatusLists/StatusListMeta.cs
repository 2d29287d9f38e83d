namespace GaiaX.Oid4vc.Dapr.StatusLists;

/// <summary>A list's permutation key and how many positions have been handed out (state <c>status-list:{n}:meta</c>).</summary>
public sealed record StatusListMeta(string Key, int Cursor, int Entries);
