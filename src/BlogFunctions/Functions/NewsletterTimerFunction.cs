using BlogFunctions.Core.Newsletter.Dispatch;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

public sealed class NewsletterTimerFunction(NewsletterJob job)
{
    // The schedule is the app setting Newsletter:Schedule (default "0 */15 * * * *" in local.settings.json.example and infra).
    [Function("NewsletterTimer")]
    public Task Run([TimerTrigger("%Newsletter:Schedule%")] TimerInfo timer, CancellationToken ct) => job.RunAsync(ct);
}
