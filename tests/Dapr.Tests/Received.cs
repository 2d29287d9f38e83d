using System.Diagnostics;

namespace GaiaX.Oid4vc.Dapr.Tests;

/// <summary>A delivery as the subscriber saw it.</summary>
public sealed record Received(string Path, string RawBody, string? ContentType, string? TraceParentHeader, ActivityTraceId? TraceId);
