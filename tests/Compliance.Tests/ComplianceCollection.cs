namespace Compliance.Tests;

[CollectionDefinition(Name)]
public sealed class ComplianceCollection : ICollectionFixture<ComplianceFixture>
{
    public const string Name = "compliance";
}
