using System.Globalization;
using Azure.Data.Tables;
using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Tests.Infrastructure;
using static BlogFunctions.Tests.Newsletter.NewsletterTestHelpers;

namespace BlogFunctions.Tests.Newsletter;

/// <summary>
/// Newsletter:PlannerSendSeconds on either host. The queue run that planned a post sends its
/// chunks from the addresses it read while planning; each chunk's own send message, due after
/// that time, re-reads its recipients. So a reader who unsubscribes while the first chunk is in
/// flight still gets this post from the planning run (within the documented window), and does not
/// when every chunk is left to its message (PlannerSendSeconds = 0).
/// </summary>
internal static class PlannerSendCheck
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Settings for <see cref="RunAsync"/>: three chunks sent one at a time, and the given budget (null: the default).</summary>
    public static Dictionary<string, string?> Settings(int? plannerSendSeconds)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Newsletter:ChunkSize"] = "100",
            ["Newsletter:SendConcurrency"] = "1",
        };
        if (plannerSendSeconds is { } seconds)
        {
            settings["Newsletter:PlannerSendSeconds"] = seconds.ToString(CultureInfo.InvariantCulture);
        }
        return settings;
    }

    /// <summary>Sends a post to 250 readers and returns how many copies the reader who left mid-send got.</summary>
    public static async Task<int> RunAsync(NewsletterRig stack, IBlogHost host)
    {
        var emails = await stack.SeedSubscribersAsync(host, 250);
        stack.Sink.Enqueue(new SinkFault(SinkFaultKind.HoldAfterAccept));
        var key = await RegisterPostAsync(host);

        // SendGrid holds the first chunk's request: the other two are not sent yet.
        await stack.Sink.Holding.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        var held = int.Parse(stack.Sink.Messages.First(m => m.CustomArgs.GetValueOrDefault("postId") == key).CustomArgs["chunk"],
            CultureInfo.InvariantCulture);
        var later = (await ChunksAsync(stack, key)).First(c => c.Index != held);
        var group = RecipientList.Decode(later.Recipients)[0];
        var subscribers = stack.Table(SubscriberEntity.TableName);
        var leaver = (await subscribers.GetEntityAsync<SubscriberEntity>(group.Shard, group.Keys[0], cancellationToken: Ct)).Value;
        leaver.Status = SubscriberStatus.Unsubscribed;
        leaver.UnsubscribedAt = DateTimeOffset.UtcNow;
        await subscribers.UpdateEntityAsync(leaver, leaver.ETag, TableUpdateMode.Replace, Ct);
        stack.Sink.ReleaseHeld();

        await WaitForDoneAsync(stack, key);
        var counts = CountsFor(stack.Sink, key);
        Assert.All(emails.Where(e => e != leaver.Email), e => Assert.Equal(1, counts.GetValueOrDefault(e)));
        return counts.GetValueOrDefault(leaver.Email);
    }
}
