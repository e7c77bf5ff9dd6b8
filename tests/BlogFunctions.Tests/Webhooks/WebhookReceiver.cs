using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Tests.Webhooks;

/// <summary>One POST the receiver saw, and what it answered.</summary>
public sealed record ReceivedHook(string Path, string EventId, string EventType, string Signature, string Body, int Answered)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    /// <summary>What a receiver does: recompute the HMAC of "t.body" with its secret, compare in constant time.</summary>
    public bool SignedWith(string secret)
    {
        var parts = Signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(parts["t"] + "." + Body));
        return CryptographicOperations.FixedTimeEquals(mac, Convert.FromHexString(parts["v1"]));
    }
}

/// <summary>
/// A webhook receiver on a loopback port: records every POST with its headers, answers the queued
/// status codes planned for it (500 on demand), else 200; while <see cref="Hold"/> is on, each request waits
/// until <see cref="Release"/>. Any path is accepted, so one receiver stands in for several endpoints.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<ReceivedHook> _received = [];
    private readonly List<(string Marker, Queue<int> Statuses)> _answers = [];
    private TaskCompletionSource? _hold;
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Url(string path) => new Uri(BaseAddress, path).AbsoluteUri;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/{**path}", context => receiver!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(address.TrimEnd('/') + "/"));
        return receiver;
    }

    public IReadOnlyList<ReceivedHook> Received
    {
        get { lock (_gate) return [.. _received]; }
    }

    /// <summary>The next requests whose body contains <paramref name="marker"/> get these status codes, in order.</summary>
    public void AnswerNext(string marker, params int[] statuses)
    {
        lock (_gate) _answers.Add((marker, new Queue<int>(statuses)));
    }

    /// <summary>Requests from now on wait until <see cref="Release"/>; completes when the first held one arrives.</summary>
    public Task Hold()
    {
        lock (_gate)
        {
            _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _arrived.Task;
        }
    }

    public void Release()
    {
        TaskCompletionSource? hold;
        lock (_gate) (hold, _hold) = (_hold, null);
        hold?.TrySetResult();
    }

    /// <summary>Waits until a recorded request matches, and returns the matches.</summary>
    public async Task<IReadOnlyList<ReceivedHook>> WaitForAsync(Func<ReceivedHook, bool> match, int count = 1, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var found = Received.Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{found.Count}/{count} matching webhooks after {seconds} s; saw: "
                    + string.Join("; ", Received.Select(r => $"{r.Path} {r.EventType} {r.Answered}")));
            }
            await Task.Delay(100);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        Task? wait = null;
        int status;
        lock (_gate)
        {
            if (_hold is not null)
            {
                wait = _hold.Task;
                _arrived.TrySetResult();
            }
            var planned = _answers.FirstOrDefault(a => a.Statuses.Count > 0 && body.Contains(a.Marker, StringComparison.Ordinal));
            status = planned.Statuses?.Dequeue() ?? 200;
        }
        if (wait is not null)
        {
            await wait;
        }
        var h = context.Request.Headers;
        lock (_gate)
        {
            _received.Add(new ReceivedHook(context.Request.Path.Value!.TrimStart('/'), h["X-Blog-Event-Id"].ToString(),
                h["X-Blog-Event"].ToString(), h["X-Blog-Signature"].ToString(), body, status));
        }
        context.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
