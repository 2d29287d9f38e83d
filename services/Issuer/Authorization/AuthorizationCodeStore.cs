using GaiaX.Oid4vc.Dapr.State;
using GaiaX.Oid4vc.Issuer.Protocol;

namespace GaiaX.Oid4vc.Issuer.Authorization;

/// <summary>Authorization codes: single-use, short-lived, stored under their hash.</summary>
public sealed class AuthorizationCodeStore(IDaprStateStore state, TimeProvider time)
    : SingleUseStore<AuthorizationCodeRecord>(state, time, "authorization-code:", record => record.ExpiresAt);
