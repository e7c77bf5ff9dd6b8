using Azure.Data.Tables;
using BlogFunctions.Core.Security;
using BlogFunctions.Core.Storage;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Core.Email;

/// <summary>What to write in the delivery log about one send attempt.</summary>
internal sealed record DeliveryRecord(string Kind, EmailSendResult Result)
{
    /// <summary>The address of a single-recipient email; stored only as its hash.</summary>
    public string? RecipientEmail { get; init; }

    /// <summary>Already-hashed recipient (when the caller has only the hash).</summary>
    public string? RecipientHash { get; init; }

    public int Recipients { get; init; } = 1;
    public string? PostId { get; init; }
    public string? CommentId { get; init; }
    public string? Chunk { get; init; }

    /// <summary>Overrides the outcome name derived from <see cref="Result"/> (webhook events: "bounce", "dropped"...).</summary>
    public string? Outcome { get; init; }
}

/// <summary>
/// The answer to "why didn't I get the email?": one row per send attempt with its outcome.
/// Writing never throws: the log is for diagnosis, and a storage hiccup must not turn a sent email
/// into a reported failure (the caller's own state is the source of truth).
/// </summary>
internal sealed partial class DeliveryLog(BlogTables tables, Signer signer, TimeProvider time, ILogger<DeliveryLog> logger)
{
    private TableClient Table => tables[DeliveryEntity.TableName];

    public async Task RecordAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (pk, rk) = DeliveryEntity.KeysFor(now);
        var entity = new DeliveryEntity
        {
            PartitionKey = pk,
            RowKey = rk,
            Kind = record.Kind,
            RecipientHash = record.RecipientHash ?? (record.RecipientEmail is null ? null : signer.EmailHash(record.RecipientEmail)),
            Recipients = record.Recipients,
            PostId = record.PostId,
            CommentId = record.CommentId,
            Chunk = record.Chunk,
            MessageId = record.Result.MessageId,
            Outcome = record.Outcome ?? OutcomeName(record.Result.Outcome),
            StatusCode = record.Result.StatusCode,
            Error = record.Result.Error is { Length: > 1000 } error ? error[..1000] : record.Result.Error,
            At = now,
        };
        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
        }
        catch (Exception e) when (StorageFailures.IsOutage(e, cancellationToken) || e is Azure.RequestFailedException)
        {
            LogNotRecorded(logger, e, record.Kind, entity.Outcome);
        }
    }

    public static string OutcomeName(EmailOutcome outcome) => outcome switch
    {
        EmailOutcome.Sent => "sent",
        EmailOutcome.RateLimited => "rate_limited",
        EmailOutcome.TransientFailure => "failed_transient",
        EmailOutcome.PermanentFailure => "failed",
        EmailOutcome.Unknown => "uncertain",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// One page of the log, newest first, under an optional filter. A filtered scan can return empty
    /// pages with a continuation; a few of them are followed before answering empty.
    /// </summary>
    public async Task<(List<DeliveryDto> Items, string? Next)> PageAsync(string? filter, int limit, string? cursor,
        CancellationToken cancellationToken)
    {
        var items = new List<DeliveryDto>();
        for (var round = 0; round < 20 && items.Count == 0; round++)
        {
            await foreach (var page in Table.QueryAsync<DeliveryEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken)
                .AsPages(cursor, limit))
            {
                items.AddRange(page.Values.Select(DeliveryDto.From));
                cursor = page.ContinuationToken;
                break;
            }
            if (cursor is null)
            {
                break;
            }
        }
        return (items, cursor);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery log entry for {Kind} ({Outcome}) not recorded")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string kind, string outcome);
}
