namespace GaiaX.Oid4vc.Deployment.Tests;

/// <summary>One Dockerfile instruction: keyword, its arguments, and the build stage it belongs to.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Stage);
