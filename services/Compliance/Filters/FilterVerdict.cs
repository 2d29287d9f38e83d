namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>What the chain does after a filter.</summary>
public enum FilterVerdict
{
    Continue,

    /// <summary>Later filters cannot run (nothing left to check); the failures so far are the result.</summary>
    Stop,
}
