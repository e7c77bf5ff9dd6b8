using System.Diagnostics;
using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Core.Queues;
using BlogFunctions.Tests.Infrastructure;
using BlogFunctions.Tests.Notifications;
using Microsoft.Extensions.DependencyInjection;
using static BlogFunctions.Tests.Newsletter.NewsletterTestHelpers;

namespace BlogFunctions.Tests.Newsletter;

/// <summary>
/// The newsletter as the SelfHost runs it in production: queue steps taken by its pollers, no
/// job run by hand. (The same on the Functions app: FunctionsHost/NewsletterOnFunctionsTests.)
/// </summary>
[Collection(NewsletterGroup.Name)]
public sealed class QueuedNewsletterTests(NewsletterRig stack) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> Polling = new()
    {
        ["SelfHost:QueuePollers"] = "true",
        ["Newsletter:ChunkSize"] = "100",
    };

    public async ValueTask InitializeAsync() => await stack.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_registered_post_is_sent_through_the_queue_once_per_subscriber()
    {
        await using var server = await stack.StartServerAsync(Polling);
        var emails = await stack.SeedSubscribersAsync(server, 350);
        var key = await RegisterPostAsync(server);

        await WaitForDoneAsync(stack, key);

        AssertEachOnce(emails, key);
        var status = await StatusOfAsync(server, key);
        Assert.Equal(350, status.GetProperty("sentRecipients").GetInt32());
        Assert.Equal(4, status.GetProperty("chunks").GetProperty("sent").GetInt32());
    }

    [Fact]
    public async Task The_run_that_plans_a_post_sends_it_from_the_addresses_it_read_so_subscribers_are_read_once()
    {
        var tables = new StorageCallCounter("table");
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(tables, HttpPipelinePosition.PerCall);
        await using var server = await stack.StartServerAsync(Polling,
            services: s => s.AddSingleton(new TableServiceClient(stack.ConnectionString, tableOptions)));
        var emails = await stack.SeedSubscribersAsync(server, 350);
        tables.Enabled = true;
        var key = await RegisterPostAsync(server);

        await WaitForDoneAsync(stack, key);

        AssertEachOnce(emails, key);
        // One query per shard, each answered in one page at this size: the plan's scan, and no
        // chunk's re-read of its own key ranges (4 chunks over 16 shards would add at least 16).
        var reads = tables.Take().Where(c => c.StartsWith("GET table " + SubscriberEntity.TableName, StringComparison.Ordinal)).ToList();
        Assert.Equal(SubscriberEntity.ShardCount, reads.Count);
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData(0, 0)]
    public async Task Chunks_go_to_the_planned_addresses_within_PlannerSendSeconds_and_are_re_read_after(int? budget, int leaverGets)
    {
        await using var server = await stack.StartServerAsync(new Dictionary<string, string?>(PlannerSendCheck.Settings(budget))
        {
            ["SelfHost:QueuePollers"] = "true",
        });
        Assert.Equal(leaverGets, await PlannerSendCheck.RunAsync(stack, server));
    }

    [Fact]
    public async Task The_run_route_answers_202_at_once_and_its_sync_plans_a_post_whose_message_was_lost()
    {
        await using var server = await stack.StartServerAsync(new Dictionary<string, string?>(Polling) { ["SelfHost:QueuePollers"] = "false" });
        var emails = await stack.SeedSubscribersAsync(server, 120);
        var key = await RegisterPostAsync(server);
        await new QueueClient(stack.ConnectionString, WorkQueues.Newsletter).ClearMessagesAsync(Ct); // the plan message is lost
        await server.DisposeAsync();

        await using var polling = await stack.StartServerAsync(Polling);
        var watch = Stopwatch.StartNew();
        var queued = await RunAsync(polling);
        watch.Stop();
        Assert.Equal("sync", queued.GetProperty("queued").GetString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"newsletter/run took {watch.Elapsed}");

        await WaitForDoneAsync(stack, key);
        AssertEachOnce(emails, key);
    }

    [Theory]
    [InlineData(SendFaults.PlanWritten)]
    [InlineData(SendFaults.Recorded)]
    public async Task A_handler_that_dies_mid_message_is_retried_and_sends_each_email_once(string point)
    {
        var faults = new TestFaults();
        var died = 0;
        faults.OnPoint = p =>
        {
            if (p == point && Interlocked.Increment(ref died) == 1)
            {
                throw new SimulatedCrashException(p);
            }
        };
        await using var server = await stack.StartServerAsync(Polling, faults);
        var emails = await stack.SeedSubscribersAsync(server, 250);
        var key = await RegisterPostAsync(server);

        await WaitForDoneAsync(stack, key);

        Assert.True(died >= 1, "the fault never fired");
        AssertEachOnce(emails, key);
        Assert.All(await ChunksAsync(stack, key), c => Assert.Equal(ChunkState.Sent, c.State));
    }

    [Fact]
    public async Task A_sender_killed_between_claim_and_send_leaves_its_chunk_uncertain_never_sent_twice()
    {
        var faults = new TestFaults();
        var died = 0;
        faults.OnPoint = p =>
        {
            if (p == SendFaults.Claimed && Interlocked.Increment(ref died) == 1)
            {
                throw new SimulatedCrashException(p);
            }
        };
        await using var server = await stack.StartServerAsync(
            new Dictionary<string, string?>(Polling) { ["Newsletter:ClaimTimeoutSeconds"] = "2" }, faults);
        var emails = await stack.SeedSubscribersAsync(server, 250);
        var key = await RegisterPostAsync(server);

        await WaitForDoneAsync(stack, key);

        var chunks = await ChunksAsync(stack, key);
        var uncertain = Assert.Single(chunks, c => c.State == ChunkState.Uncertain);
        var counts = CountsFor(stack.Sink, key);
        Assert.Equal(emails.Count - uncertain.RecipientCount, counts.Count);
        Assert.All(counts.Values, n => Assert.Equal(1, n));
        var problem = Assert.Single((await StatusOfAsync(server, key)).GetProperty("problems").EnumerateArray());
        Assert.Equal(ChunkState.Uncertain, problem.GetProperty("state").GetString());
        Assert.NotNull(problem.GetProperty("resend").GetString());
    }

    [Fact]
    public async Task A_message_that_always_fails_ends_in_the_poison_queue_and_shows_in_the_status()
    {
        await using var server = await stack.StartServerAsync(Polling);
        var queue = new QueueClient(stack.ConnectionString, WorkQueues.Newsletter, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.SendMessageAsync("""{"step":"nope"}""", Ct);

        JsonElement state = default;
        for (var i = 0; i < 150; i++)
        {
            var json = await server.Moderator.GetStringAsync("api/moderation/newsletter", Ct);
            state = JsonDocument.Parse(json).RootElement.GetProperty("queues").EnumerateArray()
                .Single(q => q.GetProperty("name").GetString() == WorkQueues.Newsletter).Clone();
            if (state.GetProperty("poisoned").GetInt32() > 0)
            {
                break;
            }
            await Task.Delay(200, Ct);
        }
        Assert.Equal(1, state.GetProperty("poisoned").GetInt32());
        Assert.Equal("""{"step":"nope"}""", state.GetProperty("recent")[0].GetProperty("text").GetString());
        Assert.Equal(0, (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);
    }

    private void AssertEachOnce(List<string> emails, string key)
    {
        var counts = CountsFor(stack.Sink, key);
        Assert.Equal(emails.Count, counts.Count);
        Assert.All(emails, e => Assert.Equal(1, counts.GetValueOrDefault(e)));
    }
}
