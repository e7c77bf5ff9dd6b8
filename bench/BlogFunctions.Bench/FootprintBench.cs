using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BlogFunctions.Bench;

/// <summary>
/// The rows of issue #19: SelfHost cold start (fresh processes), idle and peak memory, and POST and
/// GET under sustained load (each row <see cref="RowLength"/> of back-to-back requests, not a
/// burst) at concurrency 1, 16 and 64, with GET beside bare Kestrel serving the same bytes.
/// </summary>
internal sealed class FootprintBench(string storage, Report report, bool quick, int azuritePid,
    IReadOnlyDictionary<string, string> extraEnvironment)
{
    private const string ReadPost = "footprint-read-50";
    private static readonly int[] Concurrencies = [1, 16, 64];

    private TimeSpan RowLength => TimeSpan.FromSeconds(quick ? 3 : 10);

    private Dictionary<string, string> Settings => new(extraEnvironment.Concat(new Dictionary<string, string>
    {
        ["Comments:RateLimit:Count"] = "0",
        ["Comments:MinSecondsToSubmit"] = "0",
        ["Comments:Mode"] = "None",
    }));

    public async Task RunAsync(bool startupOnly)
    {
        // Cold starts: each a new process against the same (already created) tables, as a restart is.
        var starts = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            await using var cold = await SelfHostProcess.StartAsync(storage, Settings);
            starts.Add(cold.StartupTime.TotalMilliseconds);
        }
        var floor = await BareStartsAsync(null);
        var floorWithStorage = await BareStartsAsync(storage);
        report.Value("SelfHost start-up to first 200, best of 3 fresh processes", $"{starts.Min():F0} ms",
            Report.Ratio(starts.Min(), floorWithStorage.Min()) + " of bare + SDK", "≤ 300 ms", "all: " + Ms(starts) + "; app: " + SelfHostProcess.AppName);
        report.Value("bare Kestrel (bench/BareKestrel, published alike), start-up to first 200, best of 3", $"{floor.Min():F0} ms", "", "",
            "the floor of any ASP.NET Core app on this runtime and machine; all: " + Ms(floor));
        report.Value("bare Kestrel + the Azure SDK's first request (one table listing), start-up to first 200, best of 3",
            $"{floorWithStorage.Min():F0} ms", "", "", "the floor of any such app on Table Storage; all: " + Ms(floorWithStorage));
        await FunctionsStartBench.RunAsync(storage, report);
        await IdleAndLoadedAsync(startupOnly);
        if (!startupOnly)
        {
            await RunGetOnlyAsync();
        }
    }

    /// <summary>Idle memory, then POST and GET on the same process; every process of it is gone when it returns.</summary>
    private async Task IdleAndLoadedAsync(bool startupOnly)
    {
        await using var host = await SelfHostProcess.StartAsync(storage, Settings);
        await using var idleBare = await BareProcess.StartAsync("{}"u8.ToArray());
        await using var idleBareWithStorage = await BareProcess.StartAsync("{}"u8.ToArray(), storage);
        await Task.Delay(TimeSpan.FromSeconds(quick ? 1 : 5));
        report.Value("SelfHost idle RSS after start-up (VmRSS, 5 s after first 200)", $"{host.RssMb():F0} MB",
            Report.Ratio(host.RssMb(), idleBareWithStorage.RssMb()) + " of bare + SDK", "≤ 60 MB", host.GcNote());
        report.Value("bare Kestrel idle RSS (same delay)", $"{idleBare.RssMb():F0} MB", "", "", idleBare.Note());
        report.Value("bare Kestrel + Azure SDK (one table listing) idle RSS (same delay)", $"{idleBareWithStorage.RssMb():F0} MB", "", "",
            idleBareWithStorage.Note());
        if (startupOnly)
        {
            return;
        }

        var cpu = new CpuMeter(host.ProcessId, azuritePid);
        host.ResetPeak();
        using var setup = LoadGenerator.Client(host.Address, 4);
        var posts = await CommentsBench.TokensAsync(setup, Enumerable.Range(0, 16).Select(p => $"footprint-post-{p}").ToArray());
        // Steady state, not JIT: the same warm-up the other POST rows get.
        await PostRowAsync(host, posts, 16, quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10), cpu, reported: false);
        var post = new Dictionary<int, LoadResult>();
        foreach (var c in Concurrencies)
        {
            post[c] = await PostRowAsync(host, posts, c, RowLength, cpu, reported: true);
            if (c > 1)
            {
                // The storage floor at the same moment: what a POST writes, sent straight to Azurite.
                var raw = await RawTransactionRowAsync(c, new CpuMeter(null, azuritePid));
                report.Load("raw 2-row transaction (what a POST writes), sustained", raw,
                    Report.Ratio(post[c].PerSecond, raw.PerSecond) + " POST ÷ raw");
                var rawAll = await RawCommentWrites.RunAsync(storage, c, RowLength);
                report.Load("raw comment writes: the 2-row transaction per request + the derived rows batched beside (no app), sustained",
                    rawAll, Report.Ratio(post[c].PerSecond, rawAll.PerSecond) + " POST ÷ raw", c == 64 ? "p99 < 200 ms" : "");
            }
        }
        report.Value("POST req/s at c=64 ÷ at c=16 (sustained)", Report.Ratio(post[64].PerSecond, post[16].PerSecond), "", "≥ 0.95",
            $"p99 at c=64 {Report.F(post[64].P99Ms, "F0")} ms (target < 200 ms)");

        var postPeak = (Mb: host.PeakRssMb(), Note: host.GcNote());
        report.Value("SelfHost peak RSS during the POST rows (VmHWM)", $"{postPeak.Mb:F0} MB", "", "≤ 100 MB", "at the end: " + postPeak.Note);
        await GetRowsAsync(host, setup, "GET rows", "");
        await Task.Delay(TimeSpan.FromSeconds(quick ? 2 : 10));
        report.Value("SelfHost RSS 10 s after the loads (VmRSS)", $"{host.RssMb():F0} MB", "", "", host.GcNote());
    }

    /// <summary>
    /// `--get-only`, and the end of a full run: the GET rows on a fresh SelfHost over an Azurite of
    /// their own, so neither the POST rows' queued work (reader notifications are still being sent
    /// during the GET rows of the same process) nor its storage is there.
    /// </summary>
    public async Task RunGetOnlyAsync()
    {
        await using var azurite = new BlogFunctions.Tests.Infrastructure.AzuriteProcess();
        await azurite.StartAsync();
        await using var host = await SelfHostProcess.StartAsync(azurite.ConnectionString, Settings);
        using var setup = LoadGenerator.Client(host.Address, 4);
        await GetRowsAsync(host, setup, "GET rows alone, fresh process", ", fresh SelfHost (no POST backlog)");
    }

    private async Task GetRowsAsync(SelfHostProcess host, HttpClient setup, string phase, string rowSuffix)
    {
        // A post of its own per phase: each holds exactly 50 comments, so both phases serve the same bytes.
        var readPost = ReadPost + (rowSuffix.Length == 0 ? "" : "-fresh");
        var body = await SeedReadPostAsync(setup, readPost);
        await using var bare = await BareProcess.StartAsync(body);
        host.ResetPeak();
        foreach (var c in Concurrencies)
        {
            using var client = LoadGenerator.Client(host.Address, c);
            using var bareClient = LoadGenerator.Client(bare.Address, c);
            var hostCpu = ServerCpu.Of(host.ProcessId);
            var get = await SustainedLoad.RunAsync("GET comments", c, RowLength, async _ =>
            {
                using var response = await client.GetAsync(new Uri($"api/posts/{readPost}/comments", UriKind.Relative), HttpCompletionOption.ResponseContentRead);
                return response.StatusCode == HttpStatusCode.OK;
            });
            var hostPerRequest = ServerCpu.PerRequestUs(host.ProcessId, hostCpu, get.Requests);
            var bareCpu = ServerCpu.Of(bare.ProcessId);
            var baseline = await SustainedLoad.RunAsync("bare Kestrel", c, RowLength, async _ =>
            {
                using var response = await bareClient.GetAsync(new Uri("bare", UriKind.Relative), HttpCompletionOption.ResponseContentRead);
                return response.StatusCode == HttpStatusCode.OK;
            });
            var barePerRequest = ServerCpu.PerRequestUs(bare.ProcessId, bareCpu, baseline.Requests);
            // Server CPU per request is steadier than req/s on 2 cores shared with the client.
            report.Load("GET comments (50 approved), sustained" + rowSuffix, get with { Note = get.Note + $"; server CPU/req {hostPerRequest:F0} µs" },
                Report.Ratio(get.PerSecond, baseline.PerSecond) + " of bare", "≥ 0.8");
            report.Load("bare Kestrel, same bytes, own process, sustained" + rowSuffix, baseline with { Note = baseline.Note + $"; server CPU/req {barePerRequest:F0} µs" });
        }
        report.Value($"SelfHost peak RSS during the {phase} (VmHWM)", $"{host.PeakRssMb():F0} MB",
            Report.Ratio(host.PeakRssMb(), bare.PeakRssMb()) + " of bare", "≤ 100 MB", "at the end: " + host.GcNote());
        report.Value("bare Kestrel peak RSS during the same GET rows (VmHWM)", $"{bare.PeakRssMb():F0} MB", "", "",
            "server GC, like the SelfHost; at the end: " + bare.Note());
    }

    private static async Task<List<double>> BareStartsAsync(string? storage)
    {
        var starts = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            await using var bare = await BareProcess.StartAsync("{}"u8.ToArray(), storage);
            starts.Add(bare.StartupTime.TotalMilliseconds);
        }
        return starts;
    }

    private static string Ms(IEnumerable<double> values) =>
        string.Join(" / ", values.Select(v => v.ToString("F0", CultureInfo.InvariantCulture))) + " ms";

    private async Task<LoadResult> PostRowAsync(SelfHostProcess host, (string Post, string Token)[] posts, int c, TimeSpan length,
        CpuMeter cpu, bool reported)
    {
        using var client = LoadGenerator.Client(host.Address, c);
        var before = cpu.Read();
        var tcp = TcpCounters.Read();
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var result = await SustainedLoad.RunAsync("POST comment", c, length, async i =>
        {
            var (post, token) = posts[i % posts.Length];
            using var response = await client.PostAsJsonAsync($"api/posts/{post}/comments", CommentsBench.Comment(c, i, token));
            if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted)
            {
                return true;
            }
            var code = (int)response.StatusCode + " " + await ProblemCodeAsync(response);
            failures.AddOrUpdate(code, 1, (_, n) => n + 1);
            return false;
        });
        // Count the background projection in: the rate is one the service sustains.
        var drain = System.Diagnostics.Stopwatch.StartNew();
        await CommentsBench.WaitForProjectionAsync(client);
        result = result with
        {
            Seconds = result.Seconds + drain.Elapsed.TotalSeconds,
            Note = cpu.PerRequest(before, result.Requests) + $"; incl. {drain.Elapsed.TotalMilliseconds:F0} ms projection drain; "
                + TcpCounters.Change(tcp)
                + (failures.IsEmpty ? "" : "; failed: " + string.Join(", ", failures.Select(f => $"{f.Value}× {f.Key}"))),
        };
        if (reported)
        {
            report.Load("POST comment, sustained", result);
        }
        return result;
    }

    private async Task<byte[]> SeedReadPostAsync(HttpClient setup, string readPost)
    {
        var (_, token) = (await CommentsBench.TokensAsync(setup, [readPost]))[0];
        for (var i = 0; i < 50; i++)
        {
            using var seeded = await setup.PostAsJsonAsync($"api/posts/{readPost}/comments", new
            {
                author = $"Seed {i}", body = $"Seeded comment number {i} about glute bridges.", formToken = token,
            });
            seeded.EnsureSuccessStatusCode();
        }
        await Task.Delay(TimeSpan.FromSeconds(quick ? 1 : 3)); // past the read cache
        using var first = await setup.GetAsync(new Uri($"api/posts/{readPost}/comments", UriKind.Relative));
        return await first.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Sustained entity-group transactions of a comment-sized row and its fingerprint, 16 partitions, bare SDK.</summary>
    private async Task<LoadResult> RawTransactionRowAsync(int c, CpuMeter azuriteCpu)
    {
        var table = new Azure.Data.Tables.TableClient(storage, "benchrawsustained");
        await table.CreateIfNotExistsAsync();
        var body = new string('b', 400);
        var run = Guid.NewGuid().ToString("N")[..8];
        var slow = 0;
        var before = azuriteCpu.Read();
        var tcp = TcpCounters.Read();
        var result = await SustainedLoad.RunAsync("raw transaction", c, RowLength, async i =>
        {
            var partition = $"raw-{c}-{run}-{i % 16}";
            var id = i.ToString("D8", CultureInfo.InvariantCulture);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var response = await table.SubmitTransactionAsync(
            [
                new(Azure.Data.Tables.TableTransactionActionType.Add, new Azure.Data.Tables.TableEntity(partition, id)
                {
                    ["Author"] = "Bench Reader", ["BodyMarkdown"] = body, ["BodyHtml"] = "<p>" + body + "</p>",
                    ["Status"] = "approved", ["CreatedAt"] = DateTimeOffset.UtcNow,
                }),
                new(Azure.Data.Tables.TableTransactionActionType.Add, new Azure.Data.Tables.TableEntity(partition, "~body|" + id)),
            ]);
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(4))
            {
                Interlocked.Increment(ref slow);
            }
            return response.Value.Count == 2;
        });
        return result with
        {
            Note = azuriteCpu.PerRequest(before, result.Requests) + $"; {slow} took longer than the app's 4 s storage deadline; " + TcpCounters.Change(tcp),
        };
    }

    private static async Task<string> ProblemCodeAsync(HttpResponseMessage response)
    {
        try
        {
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString() ?? "";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "";
        }
    }
}
