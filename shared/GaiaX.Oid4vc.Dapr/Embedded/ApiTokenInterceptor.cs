using System.Security.Cryptography;
using System.Text;
using GaiaX.Oid4vc.Dapr.Hosting;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace GaiaX.Oid4vc.Dapr.Embedded;

/// <summary>
/// Refuses every call without the sidecar's API token in <c>dapr-api-token</c> with
/// <see cref="StatusCode.Unauthenticated"/>, as daprd does when <c>DAPR_API_TOKEN</c> is set
/// (<c>dapr.io/api-token-secret</c>): only the app of the pod may use its sidecar.
/// </summary>
internal sealed class ApiTokenInterceptor(string token) : Interceptor
{
    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation
    )
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        var presented = context.RequestHeaders.GetValue(DaprAppToken.HeaderName);
        if (presented is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "missing or wrong dapr-api-token"));
        }
        return continuation(request, context);
    }
}
