using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Proto = Dapr.Client.Autogen.Grpc.v1;

namespace GaiaX.Oid4vc.Dapr.Embedded;

/// <summary>
/// The <c>dapr.proto.runtime.v1.Dapr</c> methods the services call through <c>DaprClient</c>, with daprd's
/// semantics: keys stored as <c>&lt;app-id&gt;||&lt;key&gt;</c>; no ETag = last write wins; an ETag = first
/// write wins and a stale one answers <see cref="StatusCode.Aborted"/> (which <c>DaprClient.TrySaveStateAsync</c>
/// turns into <c>false</c>); first-write concurrency without an ETag = create only; <c>ttlInSeconds</c>;
/// transactions all-or-nothing. Methods not listed here answer <see cref="StatusCode.Unimplemented"/>.
/// </summary>
internal sealed class DaprRuntimeService(EmbeddedDaprSidecar sidecar)
{
    private const string TtlKey = "ttlInSeconds";

    private EmbeddedDaprBroker Broker => sidecar.Broker;

    private IEmbeddedStorage Storage => sidecar.Broker.Storage;

    private DateTimeOffset Now => Broker.Options.Time.GetUtcNow();

    public async Task<Proto.GetStateResponse> GetState(Proto.GetStateRequest request, ServerCallContext context)
    {
        CheckStore(request.StoreName);
        var item = await Storage.GetAsync(StorageKey(request.Key), Now).ConfigureAwait(false);
        var response = new Proto.GetStateResponse();
        if (item is not null)
        {
            response.Data = ByteString.CopyFrom(item.Data);
            response.Etag = item.ETag;
            AddExpiry(response.Metadata, item);
        }
        return response;
    }

    public async Task<Proto.GetBulkStateResponse> GetBulkState(Proto.GetBulkStateRequest request, ServerCallContext context)
    {
        CheckStore(request.StoreName);
        var response = new Proto.GetBulkStateResponse();
        foreach (var key in request.Keys)
        {
            var item = await Storage.GetAsync(StorageKey(key), Now).ConfigureAwait(false);
            var bulkItem = new Proto.BulkStateItem { Key = key };
            if (item is not null)
            {
                bulkItem.Data = ByteString.CopyFrom(item.Data);
                bulkItem.Etag = item.ETag;
                AddExpiry(bulkItem.Metadata, item);
            }
            response.Items.Add(bulkItem);
        }
        return response;
    }

    public async Task<Empty> SaveState(Proto.SaveStateRequest request, ServerCallContext context)
    {
        CheckStore(request.StoreName);
        await ApplyAsync(request.States.Select(item => Write(item, isDelete: false)).ToList()).ConfigureAwait(false);
        return new Empty();
    }

    public async Task<Empty> DeleteState(Proto.DeleteStateRequest request, ServerCallContext context)
    {
        CheckStore(request.StoreName);
        var etag = string.IsNullOrEmpty(request.Etag?.Value) ? null : request.Etag.Value;
        await ApplyAsync([new StateWrite(StorageKey(request.Key), true, null, etag, false, null)]).ConfigureAwait(false);
        return new Empty();
    }

    public async Task<Empty> DeleteBulkState(Proto.DeleteBulkStateRequest request, ServerCallContext context)
    {
        CheckStore(request.StoreName);
        await ApplyAsync(request.States.Select(item => Write(item, isDelete: true)).ToList()).ConfigureAwait(false);
        return new Empty();
    }

    public async Task<Empty> ExecuteStateTransaction(Proto.ExecuteStateTransactionRequest request, ServerCallContext context)
    {
        CheckStore(request.StoreName);
        var writes = request
            .Operations.Select(operation =>
                operation.OperationType switch
                {
                    "upsert" => Write(operation.Request, isDelete: false),
                    "delete" => Write(operation.Request, isDelete: true),
                    _ => throw new RpcException(
                        new Status(StatusCode.InvalidArgument, $"operation type {operation.OperationType} not supported")
                    ),
                }
            )
            .ToList();
        try
        {
            await ApplyAsync(writes).ConfigureAwait(false);
        }
        catch (RpcException conflict) when (conflict.StatusCode == StatusCode.Aborted)
        {
            // daprd reports any failed transaction, an ETag conflict included, as Internal.
            throw new RpcException(new Status(StatusCode.Internal, "error while executing state transaction: " + conflict.Status.Detail));
        }
        return new Empty();
    }

    public async Task<Empty> PublishEvent(Proto.PublishEventRequest request, ServerCallContext context)
    {
        if (!DaprComponents.PubSubs.Contains(request.PubsubName))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"pubsub {request.PubsubName} is not found"));
        }
        if (string.IsNullOrEmpty(request.Topic))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"topic is empty in pubsub {request.PubsubName}"));
        }
        try
        {
            await Broker
                .PublishAsync(
                    sidecar.AppId,
                    request.PubsubName,
                    request.Topic,
                    request.Data.Memory,
                    request.DataContentType,
                    context.RequestHeaders.GetValue("traceparent")
                )
                .ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw new RpcException(
                new Status(
                    StatusCode.InvalidArgument,
                    "data is not valid JSON for content type " + request.DataContentType + ": " + exception.Message
                )
            );
        }
        return new Empty();
    }

    public Task<Proto.GetMetadataResponse> GetMetadata(Proto.GetMetadataRequest request, ServerCallContext context)
    {
        var response = new Proto.GetMetadataResponse { Id = sidecar.AppId, RuntimeVersion = "embedded" };
        foreach (var subscription in sidecar.Subscriptions)
        {
            response.Subscriptions.Add(
                new Proto.PubsubSubscription
                {
                    PubsubName = subscription.PubsubName,
                    Topic = subscription.Topic,
                    DeadLetterTopic = subscription.DeadLetterTopic ?? string.Empty,
                }
            );
        }
        return Task.FromResult(response);
    }

    private async Task ApplyAsync(IReadOnlyList<StateWrite> writes)
    {
        if (writes.Count == 0)
        {
            return;
        }
        var result = await Storage.ApplyAsync(writes, Now).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var key = writes[result.ConflictIndex].Key;
            throw new RpcException(
                new Status(
                    StatusCode.Aborted,
                    $"failed saving state in state store {DaprComponents.StateStore}: possible etag mismatch. error from state store: {key}"
                )
            );
        }
    }

    private StateWrite Write(Proto.StateItem item, bool isDelete)
    {
        var etag = string.IsNullOrEmpty(item.Etag?.Value) ? null : item.Etag.Value;
        var firstWrite = item.Options?.Concurrency == Proto.StateOptions.Types.StateConcurrency.ConcurrencyFirstWrite;
        return new StateWrite(
            StorageKey(item.Key),
            isDelete,
            isDelete ? null : item.Value.ToByteArray(),
            etag,
            CreateOnly: !isDelete && etag is null && firstWrite,
            ExpiresAt: isDelete ? null : ExpiresAt(item.Metadata)
        );
    }

    private DateTimeOffset? ExpiresAt(Google.Protobuf.Collections.MapField<string, string> metadata)
    {
        if (!metadata.TryGetValue(TtlKey, out var text))
        {
            return null;
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) || seconds < -1)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"metadata property {TtlKey} is invalid: '{text}'"));
        }
        return seconds is -1 or 0 ? null : Now.AddSeconds(seconds);
    }

    private static void AddExpiry(Google.Protobuf.Collections.MapField<string, string> metadata, StoredState item)
    {
        if (item.ExpiresAt is { } expiresAt)
        {
            metadata["ttlExpireTime"] = expiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }
    }

    private string StorageKey(string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "state key cannot be empty"));
        }
        if (key.Contains("||", StringComparison.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"input key/keyPrefix '{key}' can't contain '||'"));
        }
        return sidecar.AppId + "||" + key;
    }

    private static void CheckStore(string storeName)
    {
        if (storeName != DaprComponents.StateStore)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"state store {storeName} is not found"));
        }
    }
}

/// <summary>
/// Registers <see cref="DaprRuntimeService"/>'s methods under the <c>Dapr.Protos</c> service name, with the
/// shipped message parsers (the package has the client and descriptor but no server base class).
/// </summary>
internal sealed class DaprRuntimeMethodProvider : IServiceMethodProvider<DaprRuntimeService>
{
    private static readonly string ServiceName = Proto.Dapr.Descriptor.FullName;

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<DaprRuntimeService> context)
    {
        Add(context, "GetState", Proto.GetStateRequest.Parser, (s, r, c) => s.GetState(r, c));
        Add(context, "GetBulkState", Proto.GetBulkStateRequest.Parser, (s, r, c) => s.GetBulkState(r, c));
        Add(context, "SaveState", Proto.SaveStateRequest.Parser, (s, r, c) => s.SaveState(r, c));
        Add(context, "DeleteState", Proto.DeleteStateRequest.Parser, (s, r, c) => s.DeleteState(r, c));
        Add(context, "DeleteBulkState", Proto.DeleteBulkStateRequest.Parser, (s, r, c) => s.DeleteBulkState(r, c));
        Add(context, "ExecuteStateTransaction", Proto.ExecuteStateTransactionRequest.Parser, (s, r, c) => s.ExecuteStateTransaction(r, c));
        Add(context, "PublishEvent", Proto.PublishEventRequest.Parser, (s, r, c) => s.PublishEvent(r, c));
        Add(context, "GetMetadata", Proto.GetMetadataRequest.Parser, (s, r, c) => s.GetMetadata(r, c));
    }

    private static void Add<TRequest, TResponse>(
        ServiceMethodProviderContext<DaprRuntimeService> context,
        string name,
        MessageParser<TRequest> parser,
        UnaryServerMethod<DaprRuntimeService, TRequest, TResponse> invoker
    )
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        if (Proto.Dapr.Descriptor.FindMethodByName(name) is null)
        {
            throw new InvalidOperationException($"Dapr.Protos has no method {ServiceName}/{name}.");
        }
        var method = new Method<TRequest, TResponse>(
            MethodType.Unary,
            ServiceName,
            name,
            Marshallers.Create(message => message.ToByteArray(), parser.ParseFrom),
            Marshallers.Create<TResponse>(
                message => message.ToByteArray(),
                _ => throw new NotSupportedException("The server never parses responses.")
            )
        );
        context.AddUnaryMethod(method, [], invoker);
    }
}
