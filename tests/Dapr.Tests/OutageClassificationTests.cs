using GaiaX.Oid4vc.Dapr.Hosting;
using Grpc.Core;

namespace GaiaX.Oid4vc.Dapr.Tests;

/// <summary>Which failed sidecar calls are an outage (503 with Retry-After) and which are a fault (500).</summary>
public sealed class OutageClassificationTests
{
    [Theory]
    [InlineData(StatusCode.Unavailable, true)]
    [InlineData(StatusCode.DeadlineExceeded, true)]
    [InlineData(StatusCode.Internal, true)]
    [InlineData(StatusCode.ResourceExhausted, true)]
    [InlineData(StatusCode.Unknown, false)]
    [InlineData(StatusCode.InvalidArgument, false)]
    [InlineData(StatusCode.Aborted, false)]
    public void Sidecar_status_is_an_outage_only_when_a_dependency_is_out_of_reach(StatusCode code, bool outage)
    {
        var failure = new global::Dapr.DaprException("state call failed", new RpcException(new Status(code, "x")));
        Assert.Equal(outage, DaprOutageExceptionHandler.IsOutage(failure));
    }

    [Fact]
    public void Refused_connection_to_the_sidecar_is_an_outage() =>
        Assert.True(DaprOutageExceptionHandler.IsOutage(new HttpRequestException(HttpRequestError.ConnectionError, "refused")));

    [Fact]
    public void Exception_unrelated_to_the_sidecar_is_not_an_outage() =>
        Assert.False(DaprOutageExceptionHandler.IsOutage(new InvalidOperationException("bug")));
}
