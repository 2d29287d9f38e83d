using Grpc.Core;
using Grpc.Core.Interceptors;

namespace GaiaX.Oid4vc.Dapr.Embedded;

/// <summary>Counts every call the sidecar answers by method (<see cref="EmbeddedDaprSidecar.Calls"/>).</summary>
internal sealed class CallCountingInterceptor(EmbeddedDaprSidecar sidecar) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation
    )
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        sidecar.Count(context.Method);
        return continuation(request, context);
    }
}
