using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using GaiaX.Oid4vc.Credentials.Protocol;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>What the relying party gets back when it creates a request.</summary>
public sealed record PresentationRequestCreated(PresentationRequest Request, string AuthorizationRequestUri, string RequestUri);
