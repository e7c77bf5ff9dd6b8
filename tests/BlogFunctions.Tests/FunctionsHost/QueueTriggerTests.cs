using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Domain;
using BlogFunctions.Core.Queues;
using BlogFunctions.Tests.Comments;
using BlogFunctions.Tests.FunctionsHost.Rpc;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.FunctionsHost;

/// <summary>
/// The Functions app's queue triggers, fed by the stand-in's <see cref="QueueListener"/> from
/// Azurite: a message is invoked and deleted on success, retried on failure, and after host.json's
/// maxDequeueCount failures moved to the poison queue, where the moderator's status shows it.
/// </summary>
public sealed class QueueTriggerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Projection_messages_are_invoked_and_deleted_and_project_a_comment_no_instance_did()
    {
        await using var azurite = new AzuriteProcess();
        await azurite.StartAsync();
        await using var functions = await FunctionsServer.StartAsync(azurite.ConnectionString);

        // Through the host: the worker projects it in process, and its message (visible 5 s later) finds it done.
        var posted = TestIds.Post("fqueue");
        await new CommentApi(functions).PublishAsync(posted, "Projected twice, counted once");
        // Stored as by an instance that stopped right after the write: only its message can project it.
        var orphan = TestIds.Post("fqueue");
        await StoreUnprojectedAsync(functions, orphan);

        var queue = Queue(azurite, WorkQueues.Projection);
        Assert.InRange(await WaitingAsync(queue), 1, 2); // the orphan's message at least, still invisible
        Assert.True(await EventuallyAsync(async () => await WaitingAsync(queue) == 0, TimeSpan.FromSeconds(30)),
            $"{WorkQueues.Projection} still holds {await WaitingAsync(queue)} message(s)\n{functions.Diagnostics}");

        var counts = await functions.Client.GetFromJsonAsync<JsonObject>($"api/comment-counts?postId={posted}&postId={orphan}", Ct);
        Assert.Equal(1, counts![posted]!.GetValue<int>());
        Assert.Equal(1, counts[orphan]!.GetValue<int>());
    }

    [Fact]
    public async Task A_message_that_always_fails_ends_in_the_poison_queue_and_shows_in_the_status()
    {
        await using var azurite = new AzuriteProcess();
        await azurite.StartAsync();
        await using var functions = await FunctionsServer.StartAsync(azurite.ConnectionString);
        const string malformed = """{"step":"nope"}""";

        var direct = await functions.InvokeQueueAsync("NewsletterQueue", malformed, Ct);
        Assert.Equal(StatusResult.Types.Status.Failure, direct.Result.Status);
        Assert.Contains("Not a newsletter step", direct.Result.Exception.Message, StringComparison.Ordinal);

        var queue = Queue(azurite, WorkQueues.Newsletter);
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        await queue.SendMessageAsync(malformed, Ct);
        // host.json's maxDequeueCount (5) deliveries, each failed one visible again after 1 s.
        var poison = Queue(azurite, WorkQueues.PoisonOf(WorkQueues.Newsletter));
        Assert.True(await EventuallyAsync(async () => await WaitingAsync(poison) == 1, TimeSpan.FromSeconds(20)),
            $"no poison message\n{functions.Diagnostics}");
        Assert.Equal(0, await WaitingAsync(queue));
        var moved = Assert.Single((await poison.PeekMessagesAsync(32, Ct)).Value);
        Assert.Equal(malformed, moved.Body.ToString());

        var status = await functions.Moderator.GetFromJsonAsync<JsonObject>("api/moderation/newsletter", Ct);
        var shown = status!["queues"]!.AsArray().Single(q => q!["name"]!.GetValue<string>() == WorkQueues.Newsletter)!;
        Assert.Equal(0, shown["waiting"]!.GetValue<int>());
        Assert.Equal(1, shown["poisoned"]!.GetValue<int>());
        Assert.Equal(malformed, shown["recent"]![0]!["text"]!.GetValue<string>());
    }

    private static Task<CommentEntity> StoreUnprojectedAsync(FunctionsServer functions, string post) =>
        StoredComments.StoreAndSendMessageOnlyAsync(functions.Services, post, "Orphan", "Stored, never projected", Ct);

    private static QueueClient Queue(AzuriteProcess azurite, string name) =>
        new(azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>Every message on the queue, invisible ones included (taken, or delayed).</summary>
    private static async Task<int> WaitingAsync(QueueClient queue)
    {
        try
        {
            return (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return 0; // not created yet: nothing was ever sent to it
        }
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(250, Ct);
        }
        return true;
    }
}
