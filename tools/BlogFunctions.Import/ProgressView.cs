using BlogFunctions.Core.Imports;
using Spectre.Console;

namespace BlogFunctions.Import;

/// <summary>
/// Shows an import's progress: a live bar of finished chunks on a terminal; on redirected output
/// (a log, CI) one plain line per change instead, with no cursor movement or colour codes.
/// </summary>
internal sealed class ProgressView(IAnsiConsole console, bool redirected)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    public void Line(string text)
    {
        if (redirected)
        {
            Console.WriteLine(text);
        }
        else
        {
            console.MarkupLine(Markup.Escape(text));
        }
    }

    public async Task<ImportStatus> FollowAsync(Func<CancellationToken, Task<ImportStatus>> poll, CancellationToken cancellationToken)
    {
        if (redirected)
        {
            string? last = null;
            while (true)
            {
                var status = await poll(cancellationToken);
                var line = Describe(status);
                if (line != last)
                {
                    Console.WriteLine(line);
                    last = line;
                }
                if (IsOver(status))
                {
                    return status;
                }
                await Task.Delay(PollEvery, cancellationToken);
            }
        }
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("queued");
                while (true)
                {
                    var status = await poll(cancellationToken);
                    task.MaxValue = Math.Max(1, status.Chunks);
                    task.Value = status.State == ImportStates.Done ? task.MaxValue : status.ChunksDone;
                    task.Description = Markup.Escape(Describe(status));
                    if (IsOver(status))
                    {
                        task.StopTask();
                        return status;
                    }
                    await Task.Delay(PollEvery, cancellationToken);
                }
            });
    }

    public void Summary(ImportStatus status)
    {
        Line($"{status.State}: {status.Read} read, {status.Imported} imported, {status.Skipped} skipped, {status.Failed} failed, "
            + $"{status.Posts.Count} posts");
        if (status.Error is { } error)
        {
            Line("error: " + error);
        }
        foreach (var reason in status.Reasons.Take(20))
        {
            Line($"  {reason.SourceId}: {reason.Reason}");
        }
    }

    private static bool IsOver(ImportStatus status) => status.State is ImportStates.Done or ImportStates.Failed;

    private static string Describe(ImportStatus s) =>
        $"{s.State}: chunk {s.ChunksDone}/{s.Chunks}, {s.Imported} imported, {s.Skipped} skipped, {s.Failed} failed";
}
