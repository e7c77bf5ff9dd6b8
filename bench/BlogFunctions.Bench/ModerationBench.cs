using System.Net.Http.Headers;
using Azure.Data.Tables;
using BlogFunctions.Core.Comments;

namespace BlogFunctions.Bench;

/// <summary>
/// The moderation queue (GET /api/moderation/comments?status=pending, first page) with 1k and then
/// 100k pending comments stored. Seeding writes the same rows the API writes — the comment in
/// table Comments (partition = post) and its index row in CommentIndex (partition = status) —
/// in entity-group batches of 100, which is how 100k rows fit in the time budget. At each size
/// the same storage work is also measured bare (<see cref="ModerationRaw"/>), so the report can
/// show what grows in the emulator and what grows in the service.
/// </summary>
internal sealed class ModerationBench(Uri address, string storage, Report report, bool quick, CpuMeter cpu)
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
        var atSmall = await MeasureAsync(client, index, comments, small);
        var seedTime = System.Diagnostics.Stopwatch.StartNew();
        // Bounded so a slow machine still finishes: the row says how many were actually stored.
        while (seeded < large && seedTime.Elapsed < TimeSpan.FromSeconds(quick ? 10 : 150))
        {
            seeded += await SeedAsync(comments, index, seeded, Math.Min(4_000, large - seeded));
        }
        large = seeded;
        report.Value("seeding for the listing (batches of 100, 4 in flight)", $"{seeded / seedTime.Elapsed.TotalSeconds:F0} comments/s",
            note: $"{seeded:N0} comments + {seeded:N0} index rows");
        var atLarge = await MeasureAsync(client, index, comments, large);
        Write(small, atSmall, null);
        Write(large, atLarge, atSmall);
    }

    /// <summary>A row with the CPU each process spent per request (ms).</summary>
    private sealed record Metering(LoadResult Load, double SelfHostMs, double AzuriteMs);

    private sealed record Size(Metering Listing, Metering Query, Metering Reads, Metering Empty, Metering Bounded)
    {
        // What the API cannot do with less: one query and the point reads, the floor it is compared with.
        public double RawP50 => Query.Load.P50Ms + Reads.Load.P50Ms;

        public double RawAzuriteMs => Query.AzuriteMs + Reads.AzuriteMs;
    }

    // CPU per request of the SelfHost and of Azurite beside each row: wall time on two shared cores
    // measures the neighbours too, CPU time says which process does the work.
    private async Task<Size> MeasureAsync(HttpClient client, TableClient index, TableClient comments, int stored)
    {
        await WarmUpAsync(client);
        return new(
            await Metered(() => ListAsync(client, $"moderation listing, {stored:N0} pending")),
            await Metered(() => ModerationRaw.FirstPageAsync(index, CommentStatus.Pending, "raw index query", rowKeyBound: false)),
            await Metered(() => ModerationRaw.PointReadsAsync(index, comments, "raw point reads")),
            await Metered(() => ModerationRaw.FirstPageAsync(index, CommentStatus.Rejected, "raw query, empty partition", rowKeyBound: false)),
            await Metered(() => ModerationRaw.FirstPageAsync(index, CommentStatus.Pending, "raw bounded query", rowKeyBound: true)));
    }

    private async Task<Metering> Metered(Func<Task<LoadResult>> run)
    {
        var before = cpu.Read();
        var result = await run();
        var after = cpu.Read();
        double PerRequest(TimeSpan spent) => result.Requests == 0 ? double.NaN : spent.TotalMilliseconds / result.Requests;
        return new(result with { Note = cpu.PerRequest(before, result.Requests) },
            PerRequest(after.SelfHost - before.SelfHost), PerRequest(after.Azurite - before.Azurite));
    }

    private void Write(int stored, Size at, Size? small)
    {
        string Growth(Func<Size, Metering> row) => small is null ? "" : Report.Ratio(row(at).Load.P50Ms, row(small).Load.P50Ms) + " p50 vs 1k";
        report.Load($"moderation listing, first page of 50, {stored:N0} stored", at.Listing.Load,
            Growth(s => s.Listing), small is null ? "" : "flat (≈ 1)");
        report.Load($"raw index query as the API sends it (PK = pending, top 51), {stored:N0} stored", at.Query.Load, Growth(s => s.Query));
        report.Load($"raw 50 point reads in parallel (the page's comments), {stored:N0} stored", at.Reads.Load, Growth(s => s.Reads));
        report.Load($"raw query of an empty partition (PK = rejected) in the same table, {stored:N0} stored", at.Empty.Load,
            Report.Ratio(at.Empty.Load.P50Ms, at.Query.Load.P50Ms) + " of index query");
        report.Load($"raw index query with RowKey gt '' (the API's first-page filter until 2026-11-24), {stored:N0} stored",
            at.Bounded.Load, Report.Ratio(at.Bounded.Load.P50Ms, at.Query.Load.P50Ms) + " of index query");
        report.Value($"listing ÷ raw storage work (query + 50 reads), p50, {stored:N0} stored",
            Report.F(at.Listing.Load.P50Ms - at.RawP50, "F2") + " ms over raw",
            Report.Ratio(at.Listing.Load.P50Ms, at.RawP50) + " of raw", "flat (≈ same at both sizes)",
            $"Azurite CPU/req: listing {Report.F(at.Listing.AzuriteMs, "F1")} ms, raw query + reads {Report.F(at.RawAzuriteMs, "F1")} ms; SelfHost CPU/req {Report.F(at.Listing.SelfHostMs, "F1")} ms; "
            + $"listing ÷ raw query alone {Report.Ratio(at.Listing.Load.P50Ms, at.Query.Load.P50Ms)}");
    }

    private static async Task WarmUpAsync(HttpClient client)
    {
        for (var i = 0; i < 30; i++)
        {
            (await client.GetAsync(new Uri("api/moderation/comments?status=pending", UriKind.Relative))).Dispose();
        }
    }

    private static async Task<LoadResult> ListAsync(HttpClient client, string name)
    {
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
