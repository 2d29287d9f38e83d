namespace GaiaX.Oid4vc.Dapr.Embedded;

/// <summary>The result of applying writes: <see cref="ConflictIndex"/> is the first write whose condition failed (nothing was applied), or
/// -1.</summary>
public readonly record struct ApplyResult(int ConflictIndex)
{
    public static ApplyResult Applied => new(-1);

    public bool Succeeded => ConflictIndex < 0;
}
