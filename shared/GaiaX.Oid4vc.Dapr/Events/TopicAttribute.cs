namespace GaiaX.Oid4vc.Dapr.Events;

/// <summary>Names the pub/sub topic an integration event is published on (a constant from <see cref="Topics"/>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TopicAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
