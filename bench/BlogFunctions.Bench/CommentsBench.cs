using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace BlogFunctions.Bench;

/// <summary>
/// The comment routes under load: POST (published at once, Comments:Mode None, spread over 16
/// posts), GET of a post with 50 approved comments, its 304 path, and the bare-Kestrel ceiling
/// serving the same bytes.
/// </summary>
internal sealed class CommentsBench(Uri address, Report report, bool quick, CpuMeter cpu)
{
    private const string ReadPost = "bench-read-50";

    public async Task RunAsync(int[] concurrencies, Func<int, int> requests, TimeSpan bound,
        IReadOnlyDictionary<int, (LoadResult Insert, LoadResult Read)> raw, bool postOnly = false,
        Func<int, Task<LoadResult>>? rawInsertNow = null, Func<int, Task<LoadResult>>? rawTransactionNow = null)
    {
        using var setup = LoadGenerator.Client(address, 4);
        var doc = await setup.GetStringAsync(new Uri("api/openapi.json", UriKind.Relative));
        if (!doc.Contains("/api/posts/{postId}/comments", StringComparison.Ordinal))
        {
            report.Value("comments routes", "not in this build", note: "skipped");
            return;
        }
        await WarmUpAsync(setup);
        foreach (var c in concurrencies)
        {
            var posts = await TokensAsync(setup, Enumerable.Range(0, 16).Select(p => $"bench-post-c{c}-{p}").ToArray());
            using var client = LoadGenerator.Client(address, c);
            // On a shared machine the load changes by the minute: the baseline for the ratio is a raw
            // insert run right before this row, not the one from the start of the run.
            var baseline = rawInsertNow is null ? raw[c].Insert : await rawInsertNow(c);
            // Azurite (Node) keeps getting faster for minutes: the POST's own storage floor is measured
            // at the same moment as the baseline, not at the start of the run.
            var floor = rawTransactionNow is null ? null : await rawTransactionNow(c);
            var before = cpu.Read();
            var result = await LoadGenerator.RunAsync("POST comment", c, requests(c), bound, async i =>
            {
                var (post, token) = posts[i % posts.Length];
                using var response = await client.PostAsJsonAsync($"api/posts/{post}/comments", Comment(c, i, token));
                return response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted;
            });
            // The projection of these comments (index and lookup rows, counts) runs in the background:
            // wait for it and count that time in, so the rate is one the service sustains, the CPU
            // figures include it, and the next row does not pay for it.
            var drain = System.Diagnostics.Stopwatch.StartNew();
            await WaitForProjectionAsync(setup);
            result = result with
            {
                Seconds = result.Seconds + drain.Elapsed.TotalSeconds,
                Note = cpu.PerRequest(before, result.Requests) + $"; incl. {drain.Elapsed.TotalMilliseconds:F0} ms projection drain",
            };
            report.Load("POST comment", result, Report.Ratio(result.PerSecond, baseline.PerSecond) + " of raw insert", "≥ 0.8");
            if (rawInsertNow is not null)
            {
                report.Load("raw AddEntity just before the POST row", baseline);
            }
            if (floor is not null)
            {
                report.Load("raw 2-row transaction (what a POST writes) just before it", floor,
                    Report.Ratio(floor.PerSecond, baseline.PerSecond) + " of raw insert");
            }
        }
        if (postOnly)
        {
            return;
        }

        var (_, readToken) = (await TokensAsync(setup, [ReadPost]))[0];
        for (var i = 0; i < 50; i++)
        {
            using var seeded = await setup.PostAsJsonAsync($"api/posts/{ReadPost}/comments", new
            {
                author = $"Seed {i}", body = $"Seeded comment number {i} about glute bridges.", formToken = readToken,
            });
            seeded.EnsureSuccessStatusCode();
        }
        await Task.Delay(TimeSpan.FromSeconds(quick ? 1 : 3)); // let any read cache see the 50
        using var first = await setup.GetAsync(new Uri($"api/posts/{ReadPost}/comments", UriKind.Relative));
        var bytes = await first.Content.ReadAsByteArrayAsync();
        var etag = first.Headers.ETag;
        var count = JsonDocument.Parse(bytes).RootElement.GetProperty("comments").GetArrayLength();
        report.Value("GET comments payload", $"{bytes.Length} bytes", note: $"{count} comments, ETag {(etag is null ? "missing" : "present")}");

        await using var bare = await BareServer.StartAsync(bytes);
        foreach (var c in concurrencies)
        {
            using var client = LoadGenerator.Client(address, c);
            using var bareClient = LoadGenerator.Client(bare.Address, c);
            var get = await LoadGenerator.RunAsync("GET comments", c, requests(c) * 2, bound, async _ =>
            {
                using var response = await client.GetAsync(new Uri($"api/posts/{ReadPost}/comments", UriKind.Relative), HttpCompletionOption.ResponseContentRead);
                return response.StatusCode == HttpStatusCode.OK;
            });
            var baseline = await LoadGenerator.RunAsync("bare Kestrel", c, requests(c) * 2, bound, async _ =>
            {
                using var response = await bareClient.GetAsync(new Uri("bare", UriKind.Relative), HttpCompletionOption.ResponseContentRead);
                return response.StatusCode == HttpStatusCode.OK;
            });
            report.Load("GET comments (50 approved)", get, Report.Ratio(get.PerSecond, baseline.PerSecond) + " of bare", "≥ 0.3");
            report.Load("bare Kestrel, same bytes", baseline);
            if (etag is not null && c >= 16)
            {
                var notModified = await LoadGenerator.RunAsync("GET 304", c, requests(c) * 2, bound, async _ =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, $"api/posts/{ReadPost}/comments");
                    request.Headers.IfNoneMatch.Add(etag);
                    using var response = await client.SendAsync(request);
                    return response.StatusCode == HttpStatusCode.NotModified;
                });
                report.Load("GET comments, If-None-Match → 304", notModified, Report.Ratio(notModified.PerSecond, baseline.PerSecond) + " of bare");
            }
        }
    }

    // Steady state, not start-up: a CPU profile (perf, DOTNET_PerfMapEnabled=1) of a POST row after
    // 400 warm-up requests still showed 18 % of the SelfHost's time in the JIT and the Azure SDK's
    // batch code at tier 0. Tiered compilation needs calls, then time for its background compiles.
    private async Task WarmUpAsync(HttpClient client)
    {
        var posts = await TokensAsync(client, Enumerable.Range(0, 16).Select(p => $"bench-warmup-{p}").ToArray());
        await LoadGenerator.RunAsync("warm-up", 16, quick ? 100 : 2000, TimeSpan.FromSeconds(quick ? 10 : 30), async i =>
        {
            var (post, token) = posts[i % posts.Length];
            using var response = await client.PostAsJsonAsync($"api/posts/{post}/comments", new
            {
                author = $"Warm {i % 7}", email = $"warm{i % 7}@example.com", body = $"Warm-up {i}", formToken = token,
            });
            return response.IsSuccessStatusCode;
        });
        await WaitForProjectionAsync(client);
        await Task.Delay(TimeSpan.FromSeconds(quick ? 0 : 3));
    }

    // The moderation list waits for this instance's pending projections before it answers.
    internal static async Task WaitForProjectionAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/moderation/comments?status=approved");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SelfHostProcess.ModeratorKey);
        using var response = await client.SendAsync(request);
    }

    internal static async Task<(string Post, string Token)[]> TokensAsync(HttpClient client, string[] posts)
    {
        var result = new (string, string)[posts.Length];
        for (var i = 0; i < posts.Length; i++)
        {
            var json = await client.GetFromJsonAsync<JsonElement>($"api/posts/{posts[i]}/comments");
            result[i] = (posts[i], json.GetProperty("formToken").GetString()!);
        }
        return result;
    }

    internal static EntityTagHeaderValue? Tag(HttpResponseMessage response) => response.Headers.ETag;

    /// <summary>The POST rows' comment: 97 readers, so the email lookups spread over their partitions as real ones do.</summary>
    internal static object Comment(int concurrency, int i, string formToken) => new
    {
        author = $"Reader {i % 97}",
        email = $"reader{i % 97}@example.com",
        body = $"Comment {concurrency}-{i}: the hip flexor stretch helped my lower back, thank you.",
        formToken,
    };
}
