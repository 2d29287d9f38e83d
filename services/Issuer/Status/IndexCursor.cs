namespace GaiaX.Oid4vc.Issuer.Status;

/// <summary>The entry of an issued-credential index this process writes next; shared by concurrent responses.</summary>
internal sealed class IndexCursor
{
    private int _next;

    /// <summary>Takes the next entry number.</summary>
    public int Reserve() => Interlocked.Increment(ref _next) - 1;

    /// <summary>Gives <paramref name="number"/> back (its write failed): the next response tries it again.</summary>
    public void Rewind(int number)
    {
        var current = Volatile.Read(ref _next);
        while (number < current)
        {
            var seen = Interlocked.CompareExchange(ref _next, number, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }

    /// <summary>Continues from <paramref name="number"/>, the first entry found free.</summary>
    public void MoveTo(int number) => Volatile.Write(ref _next, number);
}
