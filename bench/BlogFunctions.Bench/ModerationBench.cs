using System.Net.Http.Headers;
using Azure.Data.Tables;
using BlogFunctions.Core.Comments;

namespace BlogFunctions.Bench;

/// <summary>
/// The moderation queue (GET /api/moderation/comments?status=pending, first page) with 1k and then
/// 100k pending comments stored. Seeding writes the same rows the API writes — the comment in
/// table Comments (partition = post) and its index row in CommentIndex (partition = status) —
/// in entity-group batches of 100, which is how 100k rows fit in the time budget.
/// </summary>
internal sealed class ModerationBench(Uri address, string storage, Report report, bool quick)
{
    public async Task RunAsync()
    {
        var service = new TableServiceClient(storage);
        var comments = service.GetTableClient(CommentTables.Comments);
        var index = service.GetTableClient(CommentTables.Index);
        using var client = LoadGenerator.Client(address, 4);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SelfHostProcess.ModeratorKey);

        var small = quick ? 200 : 1_000;
        var large = quick ? 2_000 : 100_000;
        var seeded = await SeedAsync(comments, index, 0, small);
        var atSmall = await ListAsync(client, $"moderation listing, {small:N0} pending");
        var seedTime = System.Diagnostics.Stopwatch.StartNew();
        seeded += await SeedAsync(comments, index, seeded, large - small);
        report.Value("seeding for the listing (batches of 100, 4 in flight)", $"{(large - small) / seedTime.Elapsed.TotalSeconds:F0} rows/s",
            note: $"{seeded:N0} comments + {seeded:N0} index rows");
        var atLarge = await ListAsync(client, $"moderation listing, {large:N0} pending");
        report.Load($"moderation listing, first page of 50, {small:N0} stored", atSmall);
        report.Load($"moderation listing, first page of 50, {large:N0} stored", atLarge,
            Report.Ratio(atLarge.P50Ms, atSmall.P50Ms) + " p50 vs 1k", "flat (≈ 1)");
    }

    private static async Task<LoadResult> ListAsync(HttpClient client, string name)
    {
        for (var i = 0; i < 5; i++)
        {
            (await client.GetAsync(new Uri("api/moderation/comments?status=pending", UriKind.Relative))).Dispose();
        }
        return await LoadGenerator.RunAsync(name, 1, 100, TimeSpan.FromSeconds(30), async _ =>
        {
            using var response = await client.GetAsync(new Uri("api/moderation/comments?status=pending", UriKind.Relative));
            return response.IsSuccessStatusCode;
        });
    }

    private static async Task<int> SeedAsync(TableClient comments, TableClient index, int offset, int count)
    {
        var created = DateTimeOffset.UtcNow.AddDays(-1);
        var batches = Enumerable.Range(0, count / 100).Select(b => offset / 100 + b);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (b, ct) =>
        {
            var post = $"bench-mod-{b:D5}";
            var commentBatch = new List<TableTransactionAction>(100);
            var indexBatch = new List<TableTransactionAction>(100);
            for (var i = 0; i < 100; i++)
            {
                var at = created.AddMilliseconds(b * 100 + i);
                var comment = new CommentEntity
                {
                    PartitionKey = post,
                    RowKey = CommentIds.New(at),
                    Author = $"Reader {i}",
                    Email = $"reader{i}@example.com",
                    BodyMarkdown = "Held for moderation: a link to https://example.com/stretch and a question.",
                    BodyHtml = "<p>Held for moderation: a link and a question.</p>",
                    Status = CommentStatus.Pending,
                    Reasons = "links",
                    CreatedAt = at,
                };
                commentBatch.Add(new TableTransactionAction(TableTransactionActionType.Add, comment));
                indexBatch.Add(new TableTransactionAction(TableTransactionActionType.Add,
                    new TableEntity(CommentStatus.Pending, CommentTables.IndexRowKey(at, post, comment.RowKey))
                    {
                        ["PostId"] = post,
                        ["CommentId"] = comment.RowKey,
                        ["CreatedAt"] = at,
                    }));
            }
            await comments.SubmitTransactionAsync(commentBatch, ct);
            await index.SubmitTransactionAsync(indexBatch, ct);
        });
        return count / 100 * 100;
    }
}
