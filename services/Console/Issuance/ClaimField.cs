namespace GaiaX.Oid4vc.WebConsole.Issuance;

/// <summary>
/// One input of the offer form, generated from a claim of the configuration's metadata: its path in the offer's claims
/// (for <c>jwt_vc_json</c> without the leading <c>credentialSubject</c>), its label and whether it is mandatory.
/// </summary>
public sealed record ClaimField(int Index, IReadOnlyList<string> Path, string Label, bool Mandatory)
{
    public string Key => "claim-" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string PathText => string.Join(" › ", Path);
}
