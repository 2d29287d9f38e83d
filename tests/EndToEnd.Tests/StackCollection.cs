namespace EndToEnd.Tests;

/// <summary>
/// Every end-to-end test runs a whole DevHost stack; on two cores they run best one at a time, so
/// they share this collection (xunit runs a collection's tests sequentially).
/// </summary>
[CollectionDefinition(Name)]
public sealed class StackCollection
{
    public const string Name = "DevHost stack";
}
