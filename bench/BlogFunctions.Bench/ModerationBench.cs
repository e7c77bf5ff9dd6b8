namespace BlogFunctions.Bench;

/// <summary>Moderation queue listing with 1k and with 100k stored comments (filled in once the index schema is merged).</summary>
internal sealed class ModerationBench(Uri address, string storage, Report report, bool quick)
{
    public Task RunAsync()
    {
        _ = (address, storage, quick);
        report.Value("moderation listing", "not in this build", note: "skipped");
        return Task.CompletedTask;
    }
}
