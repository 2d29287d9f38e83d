using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using GaiaX.Oid4vc.Credentials.Protocol;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>The outcome of fetching a request object.</summary>
public sealed record RequestObjectResult(string? Jwt, ProtocolError? Error);
