using Azure.Data.Tables;
using Azure.Storage.Queues;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Queues;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Comments;

/// <summary>
/// A projection message that comes back to the instance that sent it, with nothing of its post left
/// to write there, is dropped without its query: that instance handed every comment the message
/// covers to its in-process projection before answering. (A message taken by another instance
/// queries and projects: QueueTriggerTests, where the sender is a container beside the worker.)
/// Seen from outside: a comment stored around the in-process projection is left to the hourly sweep.
/// </summary>
public sealed class ProjectionMessageReturnTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_back_at_its_fulfilled_sender_costs_no_query()
    {
        await using var azurite = new AzuriteProcess();
        await azurite.StartAsync();
        await using var server = await BlogServer.StartAsync(azurite.ConnectionString);
        var post = TestIds.Post("returning");
        var comment = await StoredComments.StoreAndSendMessageOnlyAsync(server.Services, post, "Aside",
            "Stored beside the in-process projection", Ct);

        var queue = new QueueClient(azurite.ConnectionString, WorkQueues.Projection, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while ((await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount > 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the projection message was never taken");
            await Task.Delay(200, Ct);
        }
        var stored = await new TableClient(azurite.ConnectionString, CommentTables.Comments)
            .GetEntityAsync<TableEntity>(post, comment.RowKey, cancellationToken: Ct);
        Assert.False(stored.Value.GetBoolean(nameof(CommentEntity.Projected)));
    }
}
