namespace GaiaX.Oid4vc.Compliance.Labels;

/// <summary>
/// The Gaia-X compliance levels in ascending order (<c>gx:labelLevel</c>): Standard Compliance and Label Levels 1–3;
/// each higher level extends the one below.
/// </summary>
public enum LabelLevel
{
    SC = 0,
    L1 = 1,
    L2 = 2,
    L3 = 3,
}
