using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Bench;

/// <summary>
/// One measured dispatch of one post: its wall and CPU time, its phases as the post row records
/// them, and what reached the SendGrid sink for it (requests, recipients, anyone mailed twice).
/// </summary>
internal sealed record DispatchRun(TimeSpan Wall, Dictionary<string, TimeSpan> Cpu, string Phases, int Requests,
    int Recipients, int Repeated, int Attempts, int Rejected)
{
    public const string Title = "Tight glutes and lower back pain";
    public const string Summary = "Why tight glutes pull on your lower back, and three stretches that help.";

    public double CpuSeconds => Cpu.Values.Sum(v => v.TotalSeconds);

    public bool ExactlyOnce(int subscribers) => Recipients == subscribers && Repeated == 0;

    /// <param name="post">The post row once its dispatch ended (PlannedAt and CompletedAt are written by the sender's clock, the same machine's).</param>
    /// <param name="startedAt">When the measurement started, on the same clock.</param>
    public static DispatchRun From(PostEntity post, DateTimeOffset startedAt, TimeSpan wall, Dictionary<string, TimeSpan> cpu,
        SendGridSink sink, string prefix = "")
    {
        var phases = post.PlannedAt is { } planned && post.CompletedAt is { } completed
            ? $"{prefix}planned after {(planned - startedAt).TotalMilliseconds:F0} ms, sent in {(completed - planned).TotalMilliseconds:F0} ms"
            : $"{prefix}post {post.State}";
        var requests = sink.Requests.Where(r => r.CustomArgs.GetValueOrDefault("postId") == post.RowKey).ToList();
        var perRecipient = requests.SelectMany(r => r.Messages()).GroupBy(m => m.To.Email, StringComparer.OrdinalIgnoreCase).ToList();
        return new DispatchRun(wall, cpu, phases, requests.Count, perRecipient.Count, perRecipient.Count(g => g.Count() > 1),
            sink.Attempts, sink.Rejected);
    }

    /// <summary>The median run by wall time, and the CPU of the run with the median CPU time (as the scan's are taken).</summary>
    public static (DispatchRun Median, Dictionary<string, TimeSpan> Cpu) Medians(IReadOnlyList<DispatchRun> runs) =>
        (runs.OrderBy(d => d.Wall).ElementAt(runs.Count / 2), runs.OrderBy(d => d.CpuSeconds).ElementAt(runs.Count / 2).Cpu);

    public static string Once(IReadOnlyList<DispatchRun> runs, int subscribers) => runs.All(d => d.ExactlyOnce(subscribers))
        ? $"each run: {subscribers:N0} recipients, each exactly once"
        : string.Join("; ", runs.Select(d => $"{d.Recipients:N0} recipients, {d.Repeated} more than once"));

    public static string Walls(IEnumerable<DispatchRun> runs) => string.Join(", ", runs.Select(d => $"{d.Wall.TotalMilliseconds:F0}"));
}
