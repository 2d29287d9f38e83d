namespace GaiaX.Oid4vc.WebConsole.Tests;

/// <summary>One stack, one console and one browser for all the console's tests (xunit runs them one at a time).</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleStack>
{
    public const string Name = "Console stack";
}
