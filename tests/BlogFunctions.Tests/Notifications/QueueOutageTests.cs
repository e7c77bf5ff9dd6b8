using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BlogFunctions.Tests.Comments;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Notifications;

/// <summary>
/// The queue service out while the tables answer: a published comment's notification work cannot
/// be queued, so it is kept in a table row for the hourly sweep, and neither the projection nor the
/// public read that waits for it hangs on the queue.
/// </summary>
public sealed class QueueOutageTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly AzuriteProcess _azurite = new();
    private BlogServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        await _azurite.StartAsync();
        // Nothing listens on this port: every queue call fails at once, as in a queue-only outage.
        var deadQueues = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;QueueEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;";
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.Retry.MaxRetries = 0;
        _server = await BlogServer.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["Comments:Mode"] = "None" },
            b => b.Services.AddSingleton(new QueueServiceClient(deadQueues, queueOptions)));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task A_published_comment_is_readable_and_its_notification_work_waits_in_a_row()
    {
        var post = TestIds.Post("nqdown");
        var api = new CommentApi(_server);
        var id = (await api.PostOkAsync(post, new { author = "Ann", body = "Published while the queue is out" }, HttpStatusCode.Created))["id"]!
            .GetValue<string>();
        // The read waits for this instance's projection of the comment; it must not wait for the queue.
        using var read = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var page = await _server.Client.GetStringAsync(new Uri($"api/posts/{post}/comments", UriKind.Relative), read.Token);
        Assert.Contains(id, page, StringComparison.Ordinal);

        var table = new TableClient(_azurite.ConnectionString, "Notifications");
        var row = await table.GetEntityIfExistsAsync<TableEntity>("deferred-published", post + "|" + id, cancellationToken: Ct);
        Assert.True(row.HasValue, "the approval's notification work was not kept for the sweep");
    }
}
