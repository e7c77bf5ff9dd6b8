using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>
/// Applies webhook events once each (deduplicated on sg_event_id): suppresses the address on
/// bounce, dropped, spamreport, unsubscribe and group_unsubscribe, and writes problem events to the
/// delivery log so "why didn't I get it?" has an answer.
/// </summary>
internal sealed class SendGridEventProcessor(BlogTables tables, SubscriberStore store, SubscriberKeys keys, DeliveryLog log,
    TimeProvider time)
{
    public const string TableName = "SendGridEvents";

    public static readonly IReadOnlySet<string> Suppressing =
        new HashSet<string>(["bounce", "dropped", "spamreport", "unsubscribe", "group_unsubscribe"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> Logged =
        new(["bounce", "dropped", "spamreport", "unsubscribe", "group_unsubscribe", "deferred", "blocked"], StringComparer.OrdinalIgnoreCase);

    public async Task<int> ProcessAsync(IReadOnlyList<SendGridEvent> events, CancellationToken cancellationToken)
    {
        var processed = 0;
        var seen = tables[TableName];
        foreach (var e in events)
        {
            var rowKey = e.EventId is { Length: > 0 and <= 200 } id ? KeySafe(id) : null;
            var partition = rowKey is null ? "" : rowKey[..Math.Min(2, rowKey.Length)];
            if (rowKey is not null
                && (await seen.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, ["PartitionKey"], cancellationToken)).HasValue)
            {
                continue;
            }
            await ApplyAsync(e, cancellationToken);
            processed++;
            if (rowKey is not null)
            {
                try
                {
                    // Recorded after applying: a crash in between re-applies (harmless) instead of losing the event.
                    await seen.AddEntityAsync(new TableEntity(partition, rowKey) { ["Event"] = e.Event, ["At"] = time.GetUtcNow() }, cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                }
            }
        }
        return processed;
    }

    private async Task ApplyAsync(SendGridEvent e, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(e.Email) || e.Event is null)
        {
            return;
        }
        var hash = keys.HashOf(e.Email);
        if (Suppressing.Contains(e.Event))
        {
            await store.UpdateAsync(hash, s =>
            {
                if (s.Status == SubscriberStatus.Suppressed)
                {
                    return false;
                }
                s.Status = SubscriberStatus.Suppressed;
                s.SuppressedReason = e.Event.ToLowerInvariant();
                return true;
            }, cancellationToken);
        }
        if (Logged.Contains(e.Event))
        {
            var result = new EmailSendResult(EmailOutcome.PermanentFailure, e.MessageId, Error: e.Reason);
            await log.RecordAsync(new DeliveryRecord("event", result)
            {
                RecipientHash = hash,
                PostId = e.PostId,
                CommentId = e.CommentId,
                Outcome = e.Event.ToLowerInvariant(),
            }, cancellationToken);
        }
    }

    // Table keys may not contain / \ # ? or control characters.
    private static string KeySafe(string id) =>
        new([.. id.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c)]);
}
