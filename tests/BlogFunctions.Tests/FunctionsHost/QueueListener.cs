using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using BlogFunctions.Tests.FunctionsHost.Rpc;

namespace BlogFunctions.Tests.FunctionsHost;

/// <summary>
/// The Functions host's queue listener, for every indexed queueTrigger function: take up to
/// batchSize messages under a lease, run each as an InvocationRequest at once, delete each that
/// succeeded. A failed one is made visible again after visibilityTimeout; on its maxDequeueCount-th
/// failure its text moves to <c>{queue}-poison</c>. An empty queue is polled less and less often,
/// up to maxPollingInterval. Same semantics as the SelfHost's QueuePoller, so a handler is
/// exercised the same way under both hosts.
/// </summary>
internal sealed class QueueListener : IAsyncDisposable
{

    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(50);

    private readonly WorkerChannel _channel;
    private readonly QueueHostSettings _settings;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];

    private QueueListener(WorkerChannel channel, QueueHostSettings settings)
    {
        _channel = channel;
        _settings = settings;
    }

    /// <summary>Starts polling; null when the settings turn queue work off.</summary>
    public static QueueListener? Start(WorkerChannel channel, IReadOnlyDictionary<string, string?> settings, string appDirectory)
    {
        if (!QueueHostSettings.Enabled(settings))
        {
            return null;
        }
        var listener = new QueueListener(channel, QueueHostSettings.Read(appDirectory, settings));
        var options = new QueueClientOptions { MessageEncoding = listener._settings.Encoding };
        // Every connection resolved before any loop starts, so a missing one leaves nothing running.
        var triggers = channel.Functions.Values.Where(f => (string?)f.Trigger["type"] == "queueTrigger").Select(function =>
        {
            // No connection named: the host's default, AzureWebJobsStorage (a named one may also omit that prefix).
            var name = (string?)function.Trigger["connection"] is { Length: > 0 } named ? named : "AzureWebJobsStorage";
            var connection = settings.GetValueOrDefault(name) ?? settings.GetValueOrDefault("AzureWebJobs" + name)
                ?? throw new InvalidOperationException($"{function.Name}: no connection string for '{name}'.");
            var queueName = (string)function.Trigger["queueName"]!;
            return (function, queue: new QueueClient(connection, queueName, options), poison: new QueueClient(connection, queueName + "-poison", options));
        }).ToList();
        foreach (var (function, queue, poison) in triggers)
        {
            listener._loops.Add(Task.Run(() => listener.PollAsync(function, queue, poison, listener._stopping.Token)));
        }
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        // Every loop ends on cancellation and catches everything else; a message taken meanwhile comes back when its lease ends.
        await Task.WhenAll(_loops);
        _stopping.Dispose();
    }

    private async Task PollAsync(IndexedFunction function, QueueClient queue, QueueClient poison, CancellationToken stopping)
    {
        var idle = MinPollingInterval;
        while (!stopping.IsCancellationRequested)
        {
            QueueMessage[] messages = [];
            try
            {
                messages = (await queue.ReceiveMessagesAsync(_settings.BatchSize, _settings.Lease, stopping)).Value;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Nothing was ever sent to it: create it, so the next poll finds it.
                await ((Task)queue.CreateIfNotExistsAsync(cancellationToken: stopping)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                _channel.Log.Enqueue($"queue {queue.Name}: polling failed: {e.Message}");
                idle = _settings.MaxPollingInterval;
            }
            catch (Exception)
            {
                break; // stopping: whatever the cancelled call threw
            }
            if (messages.Length > 0)
            {
                idle = MinPollingInterval;
                await Task.WhenAll(messages.Select(m => DeliverAsync(function, queue, poison, m, stopping)));
                continue;
            }
            await Task.Delay(idle, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, _settings.MaxPollingInterval.Ticks));
        }
    }

    private async Task DeliverAsync(IndexedFunction function, QueueClient queue, QueueClient poison, QueueMessage message,
        CancellationToken stopping)
    {
        try
        {
            var response = await _channel.InvokeAsync(QueueTriggerInvocation.For(function, message), stopping);
            if (response.Result.Status == StatusResult.Types.Status.Success)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
            }
            else if (message.DequeueCount >= _settings.MaxDequeueCount)
            {
                _channel.Log.Enqueue($"queue {queue.Name}: message {message.MessageId} failed {message.DequeueCount} times; moved to {poison.Name}");
                await SendAsync(poison, message.Body.ToString());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt,
                    visibilityTimeout: _settings.VisibilityTimeout, cancellationToken: CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: hand the message back at once, as the host does when it shuts down, so the
            // next host need not wait out the lease.
            try
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero,
                    cancellationToken: CancellationToken.None);
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException)
            {
                _channel.Log.Enqueue($"queue {queue.Name}: message {message.MessageId} not released: {e.Message}");
            }
        }
        catch (Exception e)
        {
            // The worker or storage is gone: the lease runs out and the message comes back by itself.
            _channel.Log.Enqueue($"queue {queue.Name}: message {message.MessageId} not settled: {e.GetType().Name} {e.Message}");
        }
    }

    private static async Task SendAsync(QueueClient queue, string text)
    {
        try
        {
            await queue.SendMessageAsync(text, CancellationToken.None);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            await queue.SendMessageAsync(text, CancellationToken.None);
        }
    }
}
