namespace GaiaX.Oid4vc.Dapr.StatusLists;

/// <summary>The list and index a new credential's status lives at, with the URLs its status entries name.</summary>
public sealed record StatusAllocation(int List, int Index, Uri TokenListUrl, Uri RevocationListUrl, Uri SuspensionListUrl);
