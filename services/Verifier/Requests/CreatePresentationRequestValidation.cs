using System.Buffers.Text;
using System.Text.Json;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Verifier.Dcql;
using GaiaX.Oid4vc.Credentials;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>The validator's result: the command, or the problems that make the body unusable.</summary>
public sealed record CreatePresentationRequestValidation(CreatePresentationRequestCommand? Command, IReadOnlyList<string> Errors);
