using BlogFunctions.Core.Moderation.Digest;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

public sealed class ModerationDigestTimerFunction(ModerationDigestJob job)
{
    // The schedule is the app setting Moderation:DigestSchedule (default "30 * * * * *": every minute, in local.settings.json.example and infra).
    [Function("ModerationDigestTimer")]
    public Task Run([TimerTrigger("%Moderation:DigestSchedule%")] TimerInfo timer, CancellationToken ct) => job.RunAsync(ct);
}
