using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Verifier.Requests;

/// <summary>The validator's result: the command, or the problems that make the body unusable.</summary>
public sealed record CreatePresentationRequestValidation(CreatePresentationRequestCommand? Command, IReadOnlyList<ValidationError> Errors);
