using Grpc.Core;
using Grpc.Core.Interceptors;
using StackExchange.Redis;

namespace GaiaX.Oid4vc.Dapr.Embedded;

/// <summary>
/// Answers a call whose storage is out of reach with gRPC <see cref="StatusCode.Unavailable"/>, the
/// way a sidecar reports a dependency it cannot reach, rather than <see cref="StatusCode.Unknown"/>
/// (what any unhandled exception becomes): the app can then tell an outage (503) from a fault.
/// </summary>
internal sealed class StorageOutageInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation
    )
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception exception)
            when (exception is EmbeddedStorageUnavailableException or RedisConnectionException or RedisTimeoutException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the state store is unavailable: " + exception.Message));
        }
    }
}
