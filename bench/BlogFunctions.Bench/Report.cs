using System.Globalization;
using System.Text;

namespace BlogFunctions.Bench;

/// <summary>One table for the whole run: measurements with their absolute figures and, beside them, the ratio to their baseline and the target.</summary>
internal sealed class Report(string machine)
{
    private readonly List<string[]> _rows = [];

    public void Load(string what, LoadResult r, string ratio = "", string target = "") =>
        _rows.Add([what, r.Concurrency.ToString(CultureInfo.InvariantCulture), F(r.PerSecond, "F0"), F(r.P50Ms, "F2"), F(r.P99Ms, "F2"),
            ratio, target, (r.Errors == 0 ? $"{r.Requests} ok" : $"{r.Errors}/{r.Requests} errors") + r.Note]);

    public void Value(string what, string value, string ratio = "", string target = "", string note = "") =>
        _rows.Add([what, "", value, "", "", ratio, target, note]);

    /// <summary>A row of latencies measured one after another (not under load): how many, p50 and p99.</summary>
    public void Latencies(string what, IReadOnlyList<double> ms, string ratio = "", string target = "", string note = "")
    {
        var sorted = ms.Where(m => !double.IsNaN(m)).Order().ToArray();
        _rows.Add([what, "1", $"{sorted.Length} in sequence", F(Percentile(sorted, 0.50), "F0"), F(Percentile(sorted, 0.99), "F0"), ratio, target,
            (sorted.Length == ms.Count ? "" : $"{ms.Count - sorted.Length} never seen; ") + note]);
    }

    /// <summary>Nearest-rank percentile of sorted values, as <see cref="LoadGenerator"/> computes it.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    public static string Ratio(double value, double baseline) => baseline > 0 ? (value / baseline).ToString("F2", CultureInfo.InvariantCulture) : "–";

    public static string F(double value, string format) => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

    public string Render(DateTimeOffset at, TimeSpan took)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Measured {at:yyyy-MM-dd HH:mm} UTC in one run of {took.TotalMinutes:F1} min on: {machine}.");
        sb.AppendLine();
        sb.AppendLine("| measurement | conc. | req/s (or value) | p50 ms | p99 ms | ratio | target | notes |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        foreach (var row in _rows)
        {
            sb.AppendLine("| " + string.Join(" | ", row) + " |");
        }
        return sb.ToString();
    }
}
