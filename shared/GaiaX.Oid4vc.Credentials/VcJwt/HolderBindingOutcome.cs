namespace GaiaX.Oid4vc.Credentials.VcJwt;

/// <summary>How a credential relates to the party presenting it.</summary>
public enum HolderBindingOutcome
{
    /// <summary>The credential is bound to the presenter's key or DID.</summary>
    Bound,

    /// <summary>The credential names no holder (no <c>cnf</c>, no DID subject): anyone may carry it.</summary>
    Unbound,

    /// <summary>The credential is bound to someone else, or to a key that cannot be compared.</summary>
    Mismatch,
}
