using System.Net;
using System.Net.Http.Headers;
using BlogFunctions.SelfHost;
using BlogFunctions.Tests.FunctionsHost.Rpc;
using BlogFunctions.Tests.Infrastructure;
using BlogFunctions.Tests.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Tests.FunctionsHost;

/// <summary>
/// The Functions app under a stand-in for the Functions host: a Kestrel server that is the host's
/// gRPC endpoint (FunctionRpc) and its public HTTP front, and the built worker process it starts.
/// HTTP requests go through Flex's platform CORS, are routed by the worker's own metadata and run
/// as proxied invocations; timers run as InvocationRequests (<see cref="InvokeTimerAsync"/>); queue
/// messages are delivered as queue-trigger invocations by a running <see cref="QueueListener"/>, unless
/// the settings say <c>SelfHost:QueuePollers</c> = false (the key that turns the SelfHost's pollers off).
/// </summary>
public sealed class FunctionsServer : IBlogHost
{
    private readonly WebApplication _standIn;
    private readonly WorkerProcess _worker;
    private readonly WorkerChannel _channel;
    private readonly HttpClient _toWorker;
    private readonly Lazy<WebApplication> _services;
    private readonly QueueListener? _queues;

    private FunctionsServer(WebApplication standIn, WorkerProcess worker, WorkerChannel channel, HttpClient toWorker,
        Uri baseAddress, Dictionary<string, string?> settings, QueueListener? queues)
    {
        _standIn = standIn;
        _worker = worker;
        _channel = channel;
        _toWorker = toWorker;
        _queues = queues;
        BaseAddress = baseAddress;
        Client = ContractCheckingHandler.Client(baseAddress);
        Moderator = ContractCheckingHandler.Client(baseAddress);
        Moderator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BlogServer.ModeratorKey);
        // Built, never started: Core's container over the same settings, with no background work.
        _services = new Lazy<WebApplication>(() => SelfHostApp.Build(["--environment", "Testing"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
        }));
    }

    public HostKind Kind => HostKind.Functions;

    /// <summary>Worker process start → its functions loaded (stream opened, init and metadata answered): what the bench reports.</summary>
    public TimeSpan WorkerStartup { get; private init; }

    /// <summary>The worker's process id, for the bench's memory rows.</summary>
    public int WorkerProcessId => _worker.Id;

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public HttpClient Moderator { get; }

    public IServiceProvider Services => _services.Value.Services;

    /// <summary>The functions the worker indexed, by name.</summary>
    internal IReadOnlyDictionary<string, IndexedFunction> Functions => _channel.Functions;

    /// <summary>What the worker printed and reported, for a failing test's message.</summary>
    public string Diagnostics => string.Join('\n', _worker.Output.Concat(_channel.Log));

    /// <param name="waitForTables">Return once the worker's start-up has created the tables (see <see cref="BlogServer.StartAsync"/>).</param>
    /// <param name="appDirectory">Another worker app than ours (the bench's bare worker): <see cref="WorkerProcess.AppDirectory"/> when null.</param>
    public static async Task<FunctionsServer> StartAsync(string storageConnectionString,
        IReadOnlyDictionary<string, string?>? settings = null, bool waitForTables = true, string? appDirectory = null)
    {
        var app = appDirectory ?? WorkerProcess.AppDirectory;
        var merged = BlogServer.DefaultSettings(storageConnectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }
        // Flex's platform CORS is built from the same origin list as Cors__AllowedOrigins (one Bicep parameter).
        var origins = merged.Where(s => s.Key.StartsWith("Cors:AllowedOrigins:", StringComparison.Ordinal) && s.Value is not null)
            .Select(s => s.Value!).ToList();

        int grpcPort = FreePort.Next(), frontPort = FreePort.Next();
        var connection = new WorkerConnection();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(connection);
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = null);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, grpcPort, o => o.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, frontPort, o => o.Protocols = HttpProtocols.Http1AndHttp2);
            kestrel.Limits.MaxRequestBodySize = 100 * 1024 * 1024; // the Functions host's own limit
        });
        var standIn = builder.Build();
        var toWorker = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        }) { Timeout = Timeout.InfiniteTimeSpan };
        var cors = new FlexPlatformCors(origins);
        HttpFunctionRoutes? routes = null;
        standIn.Use(async (HttpContext context, RequestDelegate next) =>
        {
            if (context.Connection.LocalPort != frontPort)
            {
                await next(context);
                return;
            }
            if (cors.Handle(context))
            {
                return;
            }
            if (routes is null || !routes.TryMatch(context.Request, out var function, out var values))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            var channel = await connection.Channel;
            await new HttpInvocation(channel, toWorker).RunAsync(context, function, values);
        });
        standIn.MapGrpcService<FunctionRpcService>();
        await standIn.StartAsync();

        var workerStarted = System.Diagnostics.Stopwatch.StartNew();
        var worker = WorkerProcess.Start(new Uri($"http://127.0.0.1:{grpcPort}"), merged, app);
        try
        {
            // Process exit, not HasExited: it also waits for the worker's last output lines (a refusal to
            // start names the setting there), which HasExited alone can report before they are read.
            using var watching = new CancellationTokenSource();
            var exited = worker.ExitedAsync(watching.Token);
            var connected = await Task.WhenAny(connection.Channel, exited, Task.Delay(TimeSpan.FromSeconds(90)));
            await watching.CancelAsync(); // stop watching a worker that runs on (never kill it here)
            if (connected != connection.Channel)
            {
                throw new InvalidOperationException("The worker did not open its FunctionRpc stream:\n" + string.Join('\n', worker.Output));
            }
            var channel = await connection.Channel;
            await channel.HandshakeAsync(app, CancellationToken.None);
            routes = new HttpFunctionRoutes(channel.Functions.Values, HttpFunctionRoutes.PrefixFrom(app));
            // Like the host, triggers start listening once every function is loaded.
            var queues = QueueListener.Start(channel, merged, app);
            var server = new FunctionsServer(standIn, worker, channel, toWorker, new Uri($"http://127.0.0.1:{frontPort}/"), merged, queues)
            {
                WorkerStartup = workerStarted.Elapsed,
            };
            if (waitForTables)
            {
                // Every request waits for the start-up's table creation, so one answered health check means the tables are there.
                using var health = await server.Client.GetAsync(new Uri("api/health", UriKind.Relative));
            }
            return server;
        }
        catch
        {
            worker.Dispose();
            await standIn.DisposeAsync();
            toWorker.Dispose();
            throw;
        }
    }

    /// <summary>Kills the worker process at once, as a crash or a scale-in would, whatever it is doing.</summary>
    public void KillWorker() => _worker.Kill();

    /// <summary>Fires a timer function as the host does on its schedule, and waits for it to finish.</summary>
    public async Task InvokeTimerAsync(string functionName, CancellationToken ct)
    {
        var function = _channel.Functions[functionName];
        var request = WorkerChannel.NewInvocation(function);
        var now = DateTime.UtcNow;
        request.InputData.Add(new ParameterBinding
        {
            Name = (string)function.Trigger["name"]!,
            Data = new TypedData
            {
                Json = $$"""{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"{{now.AddMinutes(-1):O}}","Next":"{{now.AddMinutes(1):O}}","LastUpdated":"{{now:O}}"},"IsPastDue":false}""",
            },
        });
        var response = await _channel.InvokeAsync(request, ct);
        if (response.Result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"{functionName} failed: {response.Result.Exception?.Message}\n{Diagnostics}");
        }
    }

    /// <summary>
    /// Delivers one message straight to a queue-trigger function, as the listener would deliver it
    /// (first delivery), bypassing the queue; the caller sees the invocation's result and settles nothing.
    /// </summary>
    public Task<InvocationResponse> InvokeQueueAsync(string functionName, string message, CancellationToken ct) =>
        _channel.InvokeAsync(QueueTriggerInvocation.For(_channel.Functions[functionName], QueueTriggerInvocation.Direct(message)), ct);

    public async ValueTask DisposeAsync()
    {
        // First, so no new invocation starts while the worker is told to stop.
        if (_queues is not null)
        {
            await _queues.DisposeAsync();
        }
        Client.Dispose();
        Moderator.Dispose();
        try
        {
            await _channel.TerminateAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Grpc.Core.RpcException)
        {
            // The worker is already gone.
        }
        await _worker.WaitForExitAsync(TimeSpan.FromSeconds(5));
        _worker.Dispose();
        await _standIn.StopAsync();
        await _standIn.DisposeAsync();
        _toWorker.Dispose();
        if (_services.IsValueCreated)
        {
            await _services.Value.DisposeAsync();
        }
    }
}
