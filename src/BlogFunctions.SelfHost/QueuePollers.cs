using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using BlogFunctions.Core.Queues;
using Microsoft.Extensions.Options;

namespace BlogFunctions.SelfHost;

/// <summary>
/// The SelfHost's queue triggers: one poller per Core <see cref="IQueueWork"/>, with the Functions
/// host's semantics and host.json's settings (<see cref="QueueOptions"/>), so a handler behaves the
/// same under both hosts.
/// </summary>
internal static class QueuePollers
{
    /// <summary>Set to false to poll no queue (the queue-less tests' servers leave messages for the test).</summary>
    public const string EnabledSetting = "SelfHost:QueuePollers";

    public static IServiceCollection AddSelfHostQueuePollers(this IServiceCollection services)
    {
        services.AddSingleton<IHostedService>(sp => new QueuePollerSet(
            sp.GetServices<IQueueWork>().ToList(), sp.GetRequiredService<WorkQueueClient>(),
            sp.GetRequiredService<IOptionsMonitor<QueueOptions>>(), sp.GetRequiredService<IConfiguration>().GetValue(EnabledSetting, true),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<QueuePoller>>()));
        return services;
    }
}

/// <summary>Runs every poller for as long as the host runs.</summary>
internal sealed class QueuePollerSet(IReadOnlyList<IQueueWork> work, WorkQueueClient queues, IOptionsMonitor<QueueOptions> options,
    bool enabled, TimeProvider time, ILogger<QueuePoller> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => enabled
        ? Task.WhenAll(work.Select(w => new QueuePoller(w, queues, options.CurrentValue, time, logger).RunAsync(stoppingToken)))
        : Task.CompletedTask;
}

/// <summary>
/// One queue: take up to BatchSize messages under a lease, run them at once, delete each that
/// succeeded. A failed one becomes visible again after VisibilityTimeoutSeconds; on its
/// MaxDequeueCount-th failure it moves to the poison queue, where GET /api/moderation/newsletter
/// shows it. An empty queue is polled less and less often, up to MaxPollingIntervalMilliseconds,
/// unless this process itself queues work there, which wakes the poller at once.
/// </summary>
internal sealed partial class QueuePoller(IQueueWork work, WorkQueueClient queues, QueueOptions settings, TimeProvider time, ILogger<QueuePoller> logger)
{
    /// <summary>The lease of a taken message: longer than any handler runs (host.json functionTimeout).</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(50);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var queue = queues.Client(work.Queue);
        var idle = MinPollingInterval;
        var maxIdle = TimeSpan.FromMilliseconds(settings.MaxPollingIntervalMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(settings.BatchSize, Lease, stoppingToken)).Value;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Nothing was ever sent to it: create it, so the next poll finds it.
                await ((Task)queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                messages = [];
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPollFailed(logger, e, work.Queue);
                messages = [];
                idle = maxIdle;
            }
            if (messages.Length > 0)
            {
                idle = MinPollingInterval;
                await Task.WhenAll(messages.Select(m => RunOneAsync(queue, m, stoppingToken)));
                continue;
            }
            // Idle: wait, but wake at once when this process queues work here (a new post, a chunk).
            var woken = queues.NextSendAsync(work.Queue);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var slept = Task.Delay(idle, time, wait.Token);
            await Task.WhenAny(slept, woken);
            await wait.CancelAsync();
            idle = woken.IsCompleted ? MinPollingInterval : TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, maxIdle.Ticks));
        }
    }

    private async Task RunOneAsync(QueueClient queue, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await work.HandleAsync(message.Body.ToString(), stoppingToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested || e is not OperationCanceledException)
        {
            try
            {
                await FailedAsync(queue, message, e);
            }
            catch (Exception again)
            {
                // Storage is down too: the lease runs out and the message comes back by itself.
                LogReleaseFailed(logger, again, work.Queue, message.MessageId);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: hand the message back at once rather than leave it invisible for the rest of
            // its 10-minute lease; another instance (or this one, restarted) takes it. If that fails
            // too, the lease runs out and it comes back by itself.
            try
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero,
                    cancellationToken: CancellationToken.None);
            }
            catch (Exception again) when (again is Azure.RequestFailedException or HttpRequestException or OperationCanceledException)
            {
                LogReleaseFailed(logger, again, work.Queue, message.MessageId);
            }
        }
    }

    private async Task FailedAsync(QueueClient queue, QueueMessage message, Exception error)
    {
        if (message.DequeueCount >= settings.MaxDequeueCount)
        {
            LogPoisoned(logger, error, work.Queue, message.MessageId, message.DequeueCount);
            await queues.SendTextAsync(WorkQueues.PoisonOf(work.Queue), message.Body.ToString(), TimeSpan.Zero, CancellationToken.None);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
            return;
        }
        LogRetrying(logger, error, work.Queue, message.MessageId, message.DequeueCount);
        await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt,
            visibilityTimeout: TimeSpan.FromSeconds(settings.VisibilityTimeoutSeconds), cancellationToken: CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling queue {Queue} failed; trying again shortly")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: message {Id} failed (delivery {Count}); it will be retried")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string queue, string id, long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue {Queue}: message {Id} failed {Count} times; moved to the poison queue")]
    private static partial void LogPoisoned(ILogger logger, Exception exception, string queue, string id, long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue {Queue}: could not hand message {Id} back; its lease will run out")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string queue, string id);
}
