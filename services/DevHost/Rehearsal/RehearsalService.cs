namespace GaiaX.Oid4vc.DevHost.Rehearsal;

/// <summary>One service of the rehearsal: its process, its sidecar's process and its public URL.</summary>
public sealed record RehearsalService(string Name, Uri BaseUrl, RehearsalProcess Service, RehearsalProcess Sidecar);
