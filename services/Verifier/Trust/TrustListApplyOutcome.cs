namespace GaiaX.Oid4vc.Verifier.Trust;

/// <summary>What became of a <c>trust-list-changed</c> delivery.</summary>
public enum TrustListApplyOutcome
{
    /// <summary>This replica now judges with the delivered list.</summary>
    Applied,

    /// <summary>The list's version is not newer than the one this replica has, or than the stored one: nothing changed.</summary>
    NotNewer,

    /// <summary>The Verifier does not follow the Registry (<c>Verifier:Trust:Registry:Follow</c> is false).</summary>
    NotFollowing,

    /// <summary>An event with the version alone (an older Registry): it says nothing the Verifier could apply.</summary>
    NoSnapshot,

    /// <summary>The list breaks the bounds of <see cref="TrustListSnapshot"/> or holds a certificate that cannot be read.</summary>
    Malformed,
}
