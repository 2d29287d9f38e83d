namespace GaiaX.Oid4vc.Issuer.Token;

/// <summary>What checking a pre-authorized code came to.</summary>
public enum PreAuthorizedCodeRedemption
{
    /// <summary>The code and its transaction code are right; the token request may go on to redeem the offer.</summary>
    Verified,
    Unknown,
    Expired,

    /// <summary><c>authorization_details</c> ask for a configuration the offer does not hold; the code stays usable.</summary>
    NotOffered,
    TransactionCodeMissing,
    TransactionCodeUnexpected,
    TransactionCodeWrong,
    LockedOut,
}
