using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Queues;

namespace BlogFunctions.Bench;

/// <summary>
/// How soon a new comment is counted and listed for moderators, one comment at a time on an idle
/// SelfHost: through the in-process projection (the instance that took the POST, 0.5 s batch
/// window), and through the projection queue alone, for a comment whose instance stopped right
/// after storing it. Every read here polls every 20 ms.
/// </summary>
internal sealed class ProjectionBench(Uri address, string storage, Report report, bool quick)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    private sealed record Posted(string PostId, string Id, DateTimeOffset CreatedAt);

    public async Task RunAsync()
    {
        var tables = new TableServiceClient(storage);
        var comments = tables.GetTableClient(CommentTables.Comments);
        var index = tables.GetTableClient(CommentTables.Index);
        var queue = new QueueClient(storage, WorkQueues.Projection, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        using var client = LoadGenerator.Client(address, 2);
        // The POST rows left one message per comment: let the SelfHost work them off first, so this
        // message is not queued behind thousands and the in-process rows do not share the cores with them.
        var backlog = await DrainAsync(queue);
        var n = quick ? 8 : 20;

        var toCount = new List<double>();
        await PostEachAsync(client, "count", n, async (c, i, answered) =>
            toCount.Add(await UntilAsync(answered, async () => await ApiCountAsync(client, c.PostId) > i)));
        // Neither read below goes through the SelfHost, so nothing cuts its batch window short.
        var toIndex = new List<double>();
        var toStored = new List<double>();
        await PostEachAsync(client, "index", n, async (c, i, answered) =>
        {
            toIndex.Add(await UntilAsync(answered, () => IndexRowExistsAsync(index, c)));
            toStored.Add(await UntilAsync(answered, async () => await StoredCountAsync(comments, c.PostId) > i));
        });
        var (queueStored, queueIndex, queueApi) = await ViaQueueOnlyAsync(client, comments, index, queue, quick ? 3 : 10);

        report.Latencies("comment projection, in-process: POST answer → GET comment-counts includes it", toCount,
            note: $"{n} comments on one post, one after another; the count route first flushes this instance's pending projections "
            + $"(read your own writes); projection queue before: {backlog}");
        report.Latencies("comment projection, in-process: POST answer → moderation-index row exists (table read)", toIndex,
            note: $"{n} comments, nothing reads through the SelfHost meanwhile, so its {CommentProjectionService.BatchWindow.TotalMilliseconds:F0} ms "
            + $"batch window is in it; stored count includes it: {Percentiles(toStored)}");
        report.Latencies("comment projection, queue message only (stored like a crashed POST + its message, visible after 5 s) → stored count includes it",
            queueStored, Report.Ratio(Median(queueStored), Median(toStored)) + " of in-process", "",
            $"{queueStored.Count} comments, one after another; index row: {Percentiles(queueIndex)}; GET comment-counts: {Percentiles(queueApi)} "
            + "(the count is read through the SelfHost's read cache, Comments:ReadCacheSeconds 2, which nothing on that path clears)");
    }

    /// <summary>Posts n comments, one after another, to a new post, and after each 201 awaits the measurement (given when it answered).</summary>
    private static async Task PostEachAsync(HttpClient client, string name, int n, Func<Posted, int, long, Task> measure)
    {
        var post = $"bench-projection-{name}-{Guid.NewGuid().ToString("N")[..8]}";
        var page = await client.GetFromJsonAsync<JsonElement>($"api/posts/{post}/comments");
        var token = page.GetProperty("formToken").GetString()!;
        for (var i = 0; i < n; i++)
        {
            using var response = await client.PostAsJsonAsync($"api/posts/{post}/comments", new
            {
                author = $"Reader {i}",
                email = $"projection{i}@example.com",
                body = $"Projection {name} {i}: the pigeon stretch eased my sciatica within a week.",
                formToken = token,
            });
            var answered = Stopwatch.GetTimestamp();
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"POST comment answered {(int)response.StatusCode}, expected 201 (published at once).");
            }
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            await measure(new Posted(post, json.GetProperty("id").GetString()!, json.GetProperty("createdAt").GetDateTimeOffset()), i, answered);
        }
    }

    /// <summary>
    /// As a POST whose instance stopped right after storing the comment: the row with Projected =
    /// false and its message on the projection queue, visible after the real delay. The SelfHost's
    /// in-process projection never hears of it; only its queue poller can project it.
    /// </summary>
    private static async Task<(List<double> Stored, List<double> Index, List<double> Api)> ViaQueueOnlyAsync(HttpClient client,
        TableClient comments, TableClient index, QueueClient queue, int n)
    {
        var post = $"bench-projection-queue-{Guid.NewGuid().ToString("N")[..8]}";
        var (stored, indexed, api) = (new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < n; i++)
        {
            var now = DateTimeOffset.UtcNow;
            var comment = new CommentEntity
            {
                PartitionKey = post,
                RowKey = CommentIds.New(now),
                Author = $"Crash {i}",
                AuthorHash = "author-hash",
                Email = $"crash{i}@example.com",
                EmailHash = "Q" + Guid.NewGuid().ToString("N"),
                Avatar = "avatar",
                BodyMarkdown = $"Stored just before the crash, number {i}",
                BodyHtml = $"<p>Stored just before the crash, number {i}</p>",
                Status = CommentStatus.Approved,
                CreatedAt = now,
                Projected = false,
                ProjectionDelta = 1,
            };
            await comments.AddEntityAsync(comment);
            await queue.SendMessageAsync($$"""{"postId":"{{post}}","commentId":"{{comment.Id}}"}""",
                CommentProjectionWork.Delay, TimeSpan.FromSeconds(-1));
            var answered = Stopwatch.GetTimestamp();
            var c = new Posted(post, comment.Id, now);
            var count = i + 1;
            // All three at once: none of these reads makes the SelfHost project anything.
            var results = await Task.WhenAll(
                UntilAsync(answered, async () => await StoredCountAsync(comments, post) >= count),
                UntilAsync(answered, () => IndexRowExistsAsync(index, c)),
                UntilAsync(answered, async () => await ApiCountAsync(client, post) >= count));
            stored.Add(results[0]);
            indexed.Add(results[1]);
            api.Add(results[2]);
        }
        return (stored, indexed, api);
    }

    /// <summary>Milliseconds from <paramref name="since"/> until the check holds; NaN if it never does within a minute.</summary>
    private static async Task<double> UntilAsync(long since, Func<Task<bool>> check)
    {
        while (!await check())
        {
            if (Stopwatch.GetElapsedTime(since) > GiveUpAfter)
            {
                return double.NaN;
            }
            await Task.Delay(PollEvery);
        }
        return Stopwatch.GetElapsedTime(since).TotalMilliseconds;
    }

    private static async Task<int> ApiCountAsync(HttpClient client, string post)
    {
        var counts = await client.GetFromJsonAsync<Dictionary<string, int>>($"api/comment-counts?postId={post}");
        return counts?.GetValueOrDefault(post) ?? 0;
    }

    private static async Task<int> StoredCountAsync(TableClient comments, string post)
    {
        var row = await comments.GetEntityIfExistsAsync<TableEntity>(post, CommentTables.CountRowKey, select: ["Approved"]);
        return row.HasValue ? row.Value!.GetInt32("Approved") ?? 0 : 0;
    }

    private static async Task<bool> IndexRowExistsAsync(TableClient index, Posted c) =>
        (await index.GetEntityIfExistsAsync<TableEntity>(CommentStatus.Approved, CommentTables.IndexRowKey(c.CreatedAt, c.PostId, c.Id),
            select: ["PartitionKey"])).HasValue;

    private async Task<string> DrainAsync(QueueClient queue)
    {
        var started = Stopwatch.GetTimestamp();
        var limit = TimeSpan.FromSeconds(quick ? 30 : 120);
        int waiting;
        while ((waiting = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount) > 0 && Stopwatch.GetElapsedTime(started) < limit)
        {
            await Task.Delay(500);
        }
        var took = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return waiting == 0 ? $"empty after {took:F1} s" : $"{waiting} message(s) still there after {took:F0} s";
    }

    private static double Median(List<double> ms)
    {
        var sorted = ms.Where(m => !double.IsNaN(m)).Order().ToArray();
        return Report.Percentile(sorted, 0.50);
    }

    private static string Percentiles(List<double> ms)
    {
        var sorted = ms.Where(m => !double.IsNaN(m)).Order().ToArray();
        return $"p50 {Report.F(Report.Percentile(sorted, 0.50), "F0")} / p99 {Report.F(Report.Percentile(sorted, 0.99), "F0")} ms"
            + (sorted.Length == ms.Count ? "" : $" ({ms.Count - sorted.Length} never)");
    }
}
