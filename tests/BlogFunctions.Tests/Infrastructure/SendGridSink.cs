using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Tests.Infrastructure;

/// <summary>
/// A stand-in for SendGrid's v3 mail/send on a free loopback port: checks the bearer key and the
/// documented request limits (see <see cref="SendGridSinkParser"/>, 30 MB body), records every
/// accepted request and answers 202 with X-Message-Id. Faults come from a queue first
/// (<see cref="Enqueue"/>), then at random with <see cref="FaultProbability"/> among
/// <see cref="RandomFaults"/>. Thread-safe: the code under test may send in parallel.
/// Point the SelfHost at it with <see cref="Settings"/>.
/// </summary>
public sealed class SendGridSink : IAsyncDisposable
{
    public const string ApiKey = "SG.sink-test-key.0123456789";
    public const long MaxBodyBytes = 30L * 1024 * 1024;

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<SinkRequest> _accepted = [];
    private readonly Queue<SinkFault> _faults = new();
    private readonly Random _random;
    private int _attempts;
    private int _rejected;
    private int _faulted;
    private long _nextId;

    private SendGridSink(WebApplication app, Uri baseAddress, int seed)
    {
        _app = app;
        BaseAddress = baseAddress;
        _random = new Random(seed);
    }

    /// <summary>Root URL, e.g. http://127.0.0.1:5123 (what SendGrid:Host takes).</summary>
    public Uri BaseAddress { get; }

    public string Host => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>Settings that send a BlogServer's email here.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["SendGrid:ApiKey"] = ApiKey,
        ["SendGrid:Host"] = Host,
    };

    /// <summary>Chance (0..1) that a request without a queued fault gets one of <see cref="RandomFaults"/>.</summary>
    public double FaultProbability { get; set; }

    public IReadOnlyList<SinkFault> RandomFaults { get; set; } =
        [SinkFault.RateLimited(TimeSpan.FromMilliseconds(200)), SinkFault.ServerError, SinkFault.Unavailable];

    /// <summary>Every request that reached the sink, valid or not, faulted or not.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Requests refused as invalid (400, 401, 413).</summary>
    public int Rejected => Volatile.Read(ref _rejected);

    /// <summary>Requests answered with an injected fault.</summary>
    public int Faulted => Volatile.Read(ref _faulted);

    /// <summary>Last validation errors, for assertion messages.</summary>
    public IReadOnlyList<string> LastErrors { get; private set; } = [];

    public IReadOnlyList<SinkRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _accepted];
            }
        }
    }

    /// <summary>Every email sent so far, one per recipient.</summary>
    public IReadOnlyList<SinkMessage> Messages => [.. Requests.SelectMany(r => r.Messages())];

    public IReadOnlyList<SinkMessage> MessagesTo(string email) =>
        [.. Messages.Where(m => string.Equals(m.To.Email, email, StringComparison.OrdinalIgnoreCase))];

    private TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a <see cref="SinkFaultKind.HoldAfterAccept"/> request has been recorded and is being held.</summary>
    public Task Holding => _holding.Task;

    /// <summary>Lets held requests answer 202 (those whose client is gone stay unanswered).</summary>
    public void ReleaseHeld() => _released.TrySetResult();

    public void Enqueue(params SinkFault[] faults)
    {
        lock (_gate)
        {
            foreach (var f in faults)
            {
                _faults.Enqueue(f);
            }
        }
    }

    /// <summary>Forgets recorded requests, queued faults and counters.</summary>
    public void Reset()
    {
        _released.TrySetResult(); // nothing stays held across a reset
        _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _accepted.Clear();
            _faults.Clear();
            _attempts = _rejected = _faulted = 0;
            LastErrors = [];
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds over the recorded messages (for email sent in the background).</summary>
    public async Task<IReadOnlyList<SinkMessage>> WaitForMessagesAsync(Func<IReadOnlyList<SinkMessage>, bool> condition,
        TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var messages = Messages;
            if (condition(messages))
            {
                return messages;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The sink did not get the expected email; it has {messages.Count} message(s).");
            }
            await Task.Delay(50);
        }
    }

    public static async Task<SendGridSink> StartAsync(int seed = 12345)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null; // the sink answers 413 itself, like SendGrid
        });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        SendGridSink? sink = null;
        app.MapPost("/v3/mail/send", context => sink!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sink = new SendGridSink(app, new Uri(address), seed);
        return sink;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _attempts);
        var request = context.Request;
        if (request.Headers.Authorization.ToString() != "Bearer " + ApiKey)
        {
            await Reject(context, 401, "The provided authorization grant is invalid, expired, or revoked");
            return;
        }
        if (!(request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await Reject(context, 415, "Content-Type should be application/json.");
            return;
        }
        using var body = await ReadAsync(request, context.RequestAborted);
        if (body is null)
        {
            await Reject(context, 413, "The JSON payload exceeds the 30 MB limit.");
            return;
        }
        var fault = NextFault();
        if (fault.Kind != SinkFaultKind.None)
        {
            Interlocked.Increment(ref _faulted);
        }
        switch (fault.Kind)
        {
            case SinkFaultKind.RateLimited:
                var wait = fault.RetryAfter ?? TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["X-RateLimit-Limit"] = "600";
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
                context.Response.Headers["X-RateLimit-Reset"] =
                    DateTimeOffset.UtcNow.Add(wait).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                await WriteErrors(context, "too many requests");
                return;
            case SinkFaultKind.ServerError:
                context.Response.StatusCode = 500;
                await WriteErrors(context, "internal error");
                return;
            case SinkFaultKind.Unavailable:
                context.Response.StatusCode = 503;
                await WriteErrors(context, "service unavailable");
                return;
            case SinkFaultKind.DropBeforeAccept:
                context.Abort();
                return;
        }
        var id = "sink-" + Interlocked.Increment(ref _nextId).ToString("D8", CultureInfo.InvariantCulture);
        var (parsed, errors) = SendGridSinkParser.Parse(body.Bytes, id, DateTimeOffset.UtcNow);
        if (parsed is null)
        {
            LastErrors = errors;
            await Reject(context, 400, errors.ToArray());
            return;
        }
        lock (_gate)
        {
            _accepted.Add(parsed);
        }
        if (fault.Kind == SinkFaultKind.DropAfterAccept)
        {
            context.Abort();
            return;
        }
        if (fault.Kind == SinkFaultKind.HoldAfterAccept)
        {
            _holding.TrySetResult();
            await _released.Task.WaitAsync(context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }
        context.Response.StatusCode = 202;
        context.Response.Headers["X-Message-Id"] = id;
    }

    private SinkFault NextFault()
    {
        lock (_gate)
        {
            if (_faults.TryDequeue(out var queued))
            {
                return queued;
            }
            if (FaultProbability > 0 && RandomFaults.Count > 0 && _random.NextDouble() < FaultProbability)
            {
                return RandomFaults[_random.Next(RandomFaults.Count)];
            }
            return SinkFault.None;
        }
    }

    private static async Task<SinkRentedBody?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        // Pooled, sized by Content-Length when given: ~0.5 MB newsletter bodies would otherwise be
        // copied twice per request onto the large object heap of the benchmark's own process.
        var body = new SinkRentedBody((int)(request.ContentLength ?? 64 * 1024));
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(body.Free(), cancellationToken)) > 0)
            {
                if (!body.Advance(read, MaxBodyBytes))
                {
                    body.Dispose();
                    return null;
                }
            }
            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private Task Reject(HttpContext context, int status, params string[] messages)
    {
        Interlocked.Increment(ref _rejected);
        context.Response.StatusCode = status;
        return WriteErrors(context, messages);
    }

    private static Task WriteErrors(HttpContext context, params string[] messages)
    {
        context.Response.ContentType = "application/json";
        var errors = messages.Select(m => new Dictionary<string, string?> { ["message"] = m, ["field"] = null, ["help"] = null });
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { errors }));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
