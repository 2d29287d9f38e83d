namespace GaiaX.Oid4vc.Compliance.Labels;

/// <summary>How a criterion must be evidenced at a level.</summary>
public enum EvidenceKind
{
    /// <summary>The provider confirms it in a <c>gx:ComplianceCriteria</c> credential it issued (a certification also counts).</summary>
    Declaration,

    /// <summary>A trusted conformity assessment body confirms it in a <c>gx:ComplianceCriteria</c> credential it issued.</summary>
    Certification,

    /// <summary>The engine checks it on the presented claims.</summary>
    Technical,
}
