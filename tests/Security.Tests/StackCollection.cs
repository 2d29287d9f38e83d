namespace Security.Tests;

/// <summary>One stack for the whole suite: on two cores, stacks run best one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "attacked stack";
}
