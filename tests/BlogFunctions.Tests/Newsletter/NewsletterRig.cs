using Azure.Data.Tables;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Core.Security;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Newsletter;

[CollectionDefinition(Name)]
public sealed class NewsletterGroup : ICollectionFixture<NewsletterRig>
{
    public const string Name = "newsletter";
}

/// <summary>
/// A private Azurite and SendGrid sink for the dispatch tests: a newsletter goes to every active
/// subscriber in the table, so these tests cannot share the Subscribers table with the others.
/// Tests of this collection run one after another and start from empty tables.
/// </summary>
public sealed class NewsletterRig : IAsyncLifetime
{
    private AzuriteProcess _azurite = new();

    public SendGridSink Sink { get; private set; } = null!;

    public TableServiceClient Tables { get; private set; } = null!;

    public string ConnectionString => _azurite.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        // A second Azurite on a busy machine can be slow to listen, or lose its port to a race: retry on a new port.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _azurite.StartAsync();
                break;
            }
            catch (System.Net.Sockets.SocketException) when (attempt < 3)
            {
                await _azurite.DisposeAsync();
                _azurite = new AzuriteProcess();
            }
        }
        Tables = new TableServiceClient(_azurite.ConnectionString);
        Sink = await SendGridSink.StartAsync();
    }

    /// <summary>Empties the newsletter's tables and the sink.</summary>
    public async Task ResetAsync()
    {
        foreach (var name in new[] { SubscriberEntity.TableName, PostEntity.TableName, ChunkEntity.TableName })
        {
            var table = Tables.GetTableClient(name);
            await table.CreateIfNotExistsAsync();
            var rows = new List<TableEntity>();
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                rows.Add(row);
            }
            foreach (var partition in rows.GroupBy(r => r.PartitionKey))
            {
                foreach (var batch in partition.Chunk(100))
                {
                    await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r)));
                }
            }
        }
        // Messages a previous test left (its server polled no queue) must not run in the next one.
        var queues = new Azure.Storage.Queues.QueueServiceClient(ConnectionString);
        foreach (var name in Core.Queues.WorkQueues.All.SelectMany(q => new[] { q, Core.Queues.WorkQueues.PoisonOf(q) }))
        {
            var queue = queues.GetQueueClient(name);
            await queue.CreateIfNotExistsAsync();
            await queue.ClearMessagesAsync();
        }
        Sink.Reset();
        Sink.FaultProbability = 0;
    }

    /// <summary>
    /// A SelfHost on this stack's storage, sending to the sink. It polls no queue unless the settings
    /// say <c>SelfHost:QueuePollers</c> = true: most tests here run the newsletter job by hand.
    /// </summary>
    internal Task<BlogServer> StartServerAsync(IReadOnlyDictionary<string, string?>? settings = null, SendFaults? faults = null,
        TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        var merged = Sink.Settings();
        merged["Newsletter:SendRetryDelayMilliseconds"] = "10";
        merged["SelfHost:QueuePollers"] = "false";
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            merged[k] = v;
        }
        return BlogServer.StartAsync(ConnectionString, merged, b =>
        {
            if (faults is not null)
            {
                b.Services.AddSingleton(faults);
            }
            if (time is not null)
            {
                b.Services.AddSingleton(time);
            }
            services?.Invoke(b.Services);
        });
    }

    /// <summary>The Functions app on this stack's storage, sending to the sink, under the host stand-in.</summary>
    public Task<FunctionsHost.FunctionsServer> StartFunctionsAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var merged = Sink.Settings();
        merged["Newsletter:SendRetryDelayMilliseconds"] = "10";
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            merged[k] = v;
        }
        return FunctionsHost.FunctionsServer.StartAsync(ConnectionString, merged);
    }

    /// <summary>Writes active subscribers straight into the table, 100 per partition transaction.</summary>
    public async Task<List<string>> SeedSubscribersAsync(IBlogHost server, int count, string prefix = "reader")
    {
        var signer = server.Services.GetRequiredService<Signer>();
        var table = Tables.GetTableClient(SubscriberEntity.TableName);
        var rows = Enumerable.Range(0, count).Select(i =>
        {
            var email = $"{prefix}{i}@example.com";
            var hash = signer.Hash("email", email);
            return new SubscriberEntity
            {
                PartitionKey = SubscriberEntity.ShardOf(hash),
                RowKey = hash,
                Email = email,
                Status = SubscriberStatus.Active,
                CreatedAt = DateTimeOffset.UtcNow,
                ConfirmedAt = DateTimeOffset.UtcNow,
            };
        }).ToList();
        var batches = rows.GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(100));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), ct));
        return rows.Select(r => r.Email).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (Sink is not null)
        {
            await Sink.DisposeAsync();
        }
        await _azurite.DisposeAsync();
    }
}
