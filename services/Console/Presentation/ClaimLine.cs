namespace GaiaX.Oid4vc.WebConsole.Presentation;

/// <summary>One presented claim: where it is in the credential and its value as text.</summary>
public sealed record ClaimLine(string Name, string Value);
