using BlogFunctions.Tests.FunctionsHost.Rpc;
using Grpc.Core;

namespace BlogFunctions.Tests.FunctionsHost;

/// <summary>
/// The host's side of FunctionRpc.EventStream: the worker dials in, says StartStream, and the
/// stream then stays open for the worker's life. The first stream is handed to the waiting
/// <see cref="FunctionsServer"/> through <see cref="WorkerConnection"/>.
/// </summary>
internal sealed class FunctionRpcService(WorkerConnection connection) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream,
        IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        if (!await requestStream.MoveNext(ct) || requestStream.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
        {
            throw new Grpc.Core.RpcException(new Status(StatusCode.FailedPrecondition, "The first message must be StartStream."));
        }
        var channel = new WorkerChannel(responseStream);
        var pump = channel.PumpAsync(requestStream, ct);
        connection.Connected(channel);
        try
        {
            await pump;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The worker went away or the stand-in stopped: the stream simply ends.
        }
    }
}

/// <summary>Where the gRPC service hands over the worker's stream to the stand-in that started it.</summary>
internal sealed class WorkerConnection
{
    private readonly TaskCompletionSource<WorkerChannel> _channel = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<WorkerChannel> Channel => _channel.Task;

    public void Connected(WorkerChannel channel) => _channel.TrySetResult(channel);
}
