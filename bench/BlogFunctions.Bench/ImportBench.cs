using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using BlogFunctions.Core.Imports;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Bench;

/// <summary>
/// Imports a generated Disqus export of N comments (100 per thread, every third a reply) through a
/// Release SelfHost of its own, from the upload to state done: wall time, comments per second and
/// the process's peak RSS. Run at two sizes, a fresh storage account and process each, so the
/// memory column shows whether it grows with the file.
/// </summary>
internal sealed class ImportBench(Report report, bool quick)
{
    public async Task RunAsync()
    {
        foreach (var comments in quick ? new[] { 2_000, 8_000 } : [25_000, 100_000])
        {
            await using var azurite = new AzuriteProcess();
            await azurite.StartAsync();
            await RunOneAsync(azurite.ConnectionString, comments);
        }
    }

    private async Task RunOneAsync(string storage, int comments)
    {
        var file = Path.Combine(Path.GetTempPath(), $"bench-disqus-{comments}.xml");
        await WriteDisqusAsync(file, comments);
        var megabytes = new FileInfo(file).Length / 1024.0 / 1024.0;
        await using var host = await SelfHostProcess.StartAsync(storage, new Dictionary<string, string>());
        var idle = host.PeakRssMb();
        using var http = new HttpClient { BaseAddress = new Uri(host.Address, "api/"), Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SelfHostProcess.ModeratorKey);
        var started = Stopwatch.GetTimestamp();
        await using (var stream = File.OpenRead(file))
        {
            var content = new StreamContent(stream);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await http.PostAsync("moderation/imports?format=disqus", content);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            var id = (await response.Content.ReadFromJsonAsync(ImportJson.Default.ImportAccepted))!.Id;
            ImportStatus status;
            do
            {
                await Task.Delay(500);
                status = await StatusAsync(http, id);
            }
            while (status.State is not (ImportStates.Done or ImportStates.Failed));
            if (status.State != ImportStates.Done || status.Imported != comments)
            {
                throw new InvalidOperationException($"import ended {status.State} with {status.Imported} of {comments}: {status.Error}");
            }
        }
        var took = Stopwatch.GetElapsedTime(started);
        File.Delete(file);
        report.Value($"import {comments:N0} Disqus comments ({megabytes:F0} MB), upload → done", $"{took.TotalSeconds:F1} s",
            "", "", $"{comments / took.TotalSeconds:F0} comments/s");
        report.Value($"SelfHost peak RSS (VmHWM), import of {comments:N0}", $"{host.PeakRssMb():F0} MB", "", "flat in file size",
            $"idle after start-up: {idle:F0} MB");
    }

    /// <summary>The import's status; a 503 (Azurite too busy to answer within the 4 s deadline) is asked again.</summary>
    private static async Task<ImportStatus> StatusAsync(HttpClient http, string id)
    {
        while (true)
        {
            using var response = await http.GetAsync($"moderation/imports/{id}");
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadFromJsonAsync(ImportJson.Default.ImportStatus))!;
            }
            await Task.Delay(1000);
        }
    }

    /// <summary>A plausible export: threads first, then posts with HTML messages, emails, dates; every third post a reply.</summary>
    internal static async Task WriteDisqusAsync(string path, int comments)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync("""<?xml version="1.0" encoding="utf-8"?>""");
        await writer.WriteLineAsync("""<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">""");
        var threads = (comments + 99) / 100;
        for (var t = 0; t < threads; t++)
        {
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"""  <thread dsq:id="t{t}"><link>https://bench.example/posts/post-{t}/</link><title>Post {t}</title></thread>"""));
        }
        var start = new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < comments; i++)
        {
            var thread = i / 100;
            var parent = i % 3 == 2 && i % 100 != 0 ? string.Create(CultureInfo.InvariantCulture, $"""<parent dsq:id="{i - 1}"/>""") : "";
            var at = start.AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"""  <post dsq:id="{i}"><message><![CDATA[<p>Comment number {i}: I tried the <b>stretch</b> for {i % 30} days and it <a href="https://example.org/{i}">helped</a>.</p><p>Second paragraph.</p>]]></message><createdAt>{at}</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><email>reader{i % 5000}@example.com</email><name>Reader {i % 5000}</name></author><thread dsq:id="t{thread}"/>{parent}</post>"""));
        }
        await writer.WriteLineAsync("</disqus>");
    }
}
