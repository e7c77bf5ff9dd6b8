using BlogFunctions.Core.Newsletter.Dispatch;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

internal sealed class NewsletterTimerFunction(NewsletterSteps newsletter)
{
    // Newsletter:Schedule (default hourly, "0 0 * * * *"): read the feed, queue a plan step for every open post.
    [Function("NewsletterTimer")]
    public Task Run([TimerTrigger("%Newsletter:Schedule%")] TimerInfo timer, CancellationToken ct) => newsletter.SyncAsync(ct);
}
