using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BlogFunctions.Tests.FunctionsHost.Rpc;
using Grpc.Core;

namespace BlogFunctions.Tests.FunctionsHost;

/// <summary>
/// One worker's FunctionRpc event stream, after the start-up handshake the host performs:
/// StartStream, WorkerInitRequest (the worker answers with its HttpUri capability),
/// FunctionsMetadataRequest (worker indexing), and one FunctionLoadRequest per function.
/// Invocations are sent on the same stream and matched to their responses by invocation id.
/// </summary>
internal sealed class WorkerChannel
{
    private readonly IServerStreamWriter<StreamingMessage> _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResponse>> _pending = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _replies = new();

    public WorkerChannel(IServerStreamWriter<StreamingMessage> writer) => _writer = writer;

    /// <summary>The worker's ASP.NET Core address (capability "HttpUri"), where HTTP requests are forwarded.</summary>
    public Uri HttpUri { get; private set; } = null!;

    /// <summary>The loaded functions, by name, as the worker indexed them.</summary>
    public IReadOnlyDictionary<string, IndexedFunction> Functions { get; private set; } = new Dictionary<string, IndexedFunction>();

    /// <summary>Every log line and failed invocation the worker reported (printed when a test fails).</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public async Task HandshakeAsync(string appDirectory, CancellationToken ct)
    {
        var init = await RequestAsync(new StreamingMessage
        {
            WorkerInitRequest = new WorkerInitRequest
            {
                HostVersion = "4.1040.0.0",
                WorkerDirectory = appDirectory,
                FunctionAppDirectory = appDirectory,
                // What the host offers on Flex: HTTP proxying is what ASP.NET Core integration needs.
                Capabilities = { ["HttpUri"] = "true", ["IncludeEmptyEntriesInMessagePayload"] = "true" },
            },
        }, ct);
        EnsureSuccess(init.WorkerInitResponse.Result, "WorkerInitRequest");
        if (!init.WorkerInitResponse.Capabilities.TryGetValue("HttpUri", out var httpUri))
        {
            throw new InvalidOperationException("The worker did not report an HttpUri capability: ASP.NET Core integration is off.");
        }
        HttpUri = new Uri(httpUri);
        // The host sends no request before the worker's HTTP listener answers.
        await Infrastructure.FreePort.WaitUntilListeningAsync(HttpUri.Port, TimeSpan.FromSeconds(60));

        var metadata = await RequestAsync(new StreamingMessage
        {
            FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory },
        }, ct);
        var indexed = metadata.FunctionMetadataResponse;
        EnsureSuccess(indexed.Result, "FunctionsMetadataRequest");
        if (indexed.UseDefaultMetadataIndexing)
        {
            throw new InvalidOperationException("The worker asked the host to index functions.metadata itself; worker indexing is expected.");
        }

        var functions = new Dictionary<string, IndexedFunction>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in indexed.FunctionMetadataResults)
        {
            var bindings = function.RawBindings.Select(raw => JsonNode.Parse(raw)!.AsObject()).ToList();
            var load = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = ForLoad(function, bindings, appDirectory) };
            var loaded = await RequestAsync(new StreamingMessage { FunctionLoadRequest = load }, ct);
            EnsureSuccess(loaded.FunctionLoadResponse.Result, "FunctionLoadRequest " + function.Name);
            functions[function.Name] = new IndexedFunction(function.Name, function.FunctionId, bindings);
        }
        Functions = functions;
    }

    /// <summary>A new invocation of the function, with the W3C trace context the host always sends.</summary>
    public static InvocationRequest NewInvocation(IndexedFunction function) => new()
    {
        InvocationId = Guid.NewGuid().ToString(),
        FunctionId = function.FunctionId,
        TraceContext = new RpcTraceContext
        {
            TraceParent = $"00-{Guid.NewGuid():N}-{Guid.NewGuid().ToString("N")[..16]}-01",
            TraceState = "",
        },
    };

    /// <summary>Sends one InvocationRequest and waits for the worker's InvocationResponse.</summary>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken ct)
    {
        var done = new TaskCompletionSource<InvocationResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[request.InvocationId] = done;
        try
        {
            await SendAsync(new StreamingMessage { InvocationRequest = request }, ct);
            var response = await done.Task.WaitAsync(ct);
            if (response.Result.Status != StatusResult.Types.Status.Success)
            {
                Log.Enqueue($"invocation {request.InvocationId} failed: {response.Result.Exception?.Message} {response.Result.Exception?.StackTrace}");
            }
            return response;
        }
        finally
        {
            _pending.TryRemove(request.InvocationId, out _);
        }
    }

    public Task TerminateAsync(CancellationToken ct) =>
        SendAsync(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = new Duration { Seconds = 5 } } }, ct);

    /// <summary>Reads the worker's messages until the stream ends; called once, by the gRPC service.</summary>
    public async Task PumpAsync(IAsyncStreamReader<StreamingMessage> reader, CancellationToken ct)
    {
        await foreach (var message in reader.ReadAllAsync(ct))
        {
            switch (message.ContentCase)
            {
                case StreamingMessage.ContentOneofCase.InvocationResponse:
                    if (_pending.TryGetValue(message.InvocationResponse.InvocationId, out var waiting))
                    {
                        waiting.TrySetResult(message.InvocationResponse);
                    }
                    break;
                case StreamingMessage.ContentOneofCase.RpcLog:
                    var log = message.RpcLog;
                    if (log.Level >= RpcLog.Types.Level.Warning)
                    {
                        Log.Enqueue($"{log.Level} {log.Category}: {log.Message} {log.Exception?.Message}");
                    }
                    break;
                case StreamingMessage.ContentOneofCase.WorkerStatusResponse:
                    break;
                default:
                    if (_replies.TryRemove(message.RequestId, out var reply))
                    {
                        reply.TrySetResult(message);
                    }
                    break;
            }
        }
        var closed = new IOException("The worker closed its stream.");
        foreach (var invocation in _pending.Values)
        {
            invocation.TrySetException(closed);
        }
        foreach (var reply in _replies.Values)
        {
            reply.TrySetException(closed);
        }
    }

    private async Task<StreamingMessage> RequestAsync(StreamingMessage message, CancellationToken ct)
    {
        message.RequestId = Guid.NewGuid().ToString();
        var reply = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _replies[message.RequestId] = reply;
        await SendAsync(message, ct);
        return await reply.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
    }

    private async Task SendAsync(StreamingMessage message, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            await _writer.WriteAsync(message, ct);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The load request the host builds from an indexed function: its raw bindings become BindingInfo.</summary>
    private static RpcFunctionMetadata ForLoad(RpcFunctionMetadata indexed, List<JsonObject> bindings, string appDirectory)
    {
        var metadata = new RpcFunctionMetadata
        {
            Name = indexed.Name,
            FunctionId = indexed.FunctionId,
            Directory = string.IsNullOrEmpty(indexed.Directory) ? appDirectory : indexed.Directory,
            ScriptFile = indexed.ScriptFile,
            EntryPoint = indexed.EntryPoint,
            Language = indexed.Language,
        };
        foreach (var (key, value) in indexed.Properties)
        {
            metadata.Properties[key] = value;
        }
        foreach (var binding in bindings)
        {
            var direction = (string?)binding["direction"] ?? "in";
            metadata.Bindings[(string)binding["name"]!] = new BindingInfo
            {
                Type = (string)binding["type"]!,
                Direction = direction.ToLowerInvariant() switch
                {
                    "out" => BindingInfo.Types.Direction.Out,
                    "inout" => BindingInfo.Types.Direction.Inout,
                    _ => BindingInfo.Types.Direction.In,
                },
            };
        }
        return metadata;
    }

    private static void EnsureSuccess(StatusResult? result, string step)
    {
        if (result is null || result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"{step} failed: {result?.Exception?.Message ?? result?.Result}");
        }
    }
}

/// <summary>A function as the worker indexed it: its id for invocations and its raw binding JSON.</summary>
internal sealed record IndexedFunction(string Name, string FunctionId, IReadOnlyList<JsonObject> Bindings)
{
    public JsonObject Trigger => Bindings.First(b => ((string?)b["type"])?.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase) == true);
}
