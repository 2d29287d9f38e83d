namespace GaiaX.Oid4vc.WebConsole.Presentation;

/// <summary>A ready-made presentation request for a built-in credential: its DCQL query and whether it asks for compliance.</summary>
public sealed record DcqlTemplate(string Id, string Name, string Description, string DcqlQuery, bool Compliance = false);
