namespace BlogFunctions.Core.Queues;

/// <summary>
/// The Azure Storage queues that start work after an event. The Functions app's queue triggers
/// listen on these names and the SelfHost's pollers on the same ones, so only the trigger differs.
/// </summary>
internal static class WorkQueues
{
    /// <summary>One message per new comment: write its index, lookup and count rows if no one has yet.</summary>
    public const string Projection = "comment-projection";

    /// <summary>One message per held comment, visible after Moderation:DigestDelaySeconds: send the moderator digest.</summary>
    public const string Digest = "moderation-digest";

    /// <summary>Newsletter steps: sync and look for open posts, plan a post, send one chunk.</summary>
    public const string Newsletter = "newsletter-dispatch";

    /// <summary>Reader notifications: fan an approved comment out, send a confirmation link, send one recipient's batch.</summary>
    public const string Notifications = "reader-notifications";

    /// <summary>Outgoing webhooks: one message per endpoint per event, re-sent to itself with a growing delay until 2xx or 24 h.</summary>
    public const string Webhooks = "webhooks";

    /// <summary>Comment imports: plan an uploaded file into chunks, write one chunk.</summary>
    public const string Imports = "comment-imports";

    public static IReadOnlyList<string> All { get; } = [Projection, Digest, Newsletter, Notifications, Webhooks, Imports];

    /// <summary>Where a message goes after it failed MaxDequeueCount times (the Functions host's naming).</summary>
    public static string PoisonOf(string queue) => queue + "-poison";
}
