using Azure.Data.Tables;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Security;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>Moderator views of the list: paged listing with counts, CSV export, GDPR erasure.</summary>
internal sealed partial class SubscriberAdminHandlers(
    SubscriberStore store,
    SubscriberKeys keys,
    ICommentPersonalDataEraser comments,
    IEnumerable<IPersonalDataHolder> holders,
    ILogger<SubscriberAdminHandlers> logger)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    private static readonly string[] Statuses =
        [SubscriberStatus.Pending, SubscriberStatus.Active, SubscriberStatus.Unsubscribed, SubscriberStatus.Suppressed];

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request, DefaultLimit, MaxLimit);
        var cursor = Paging.DecodeCursor(request.Query["cursor"]);
        var status = request.Query["status"].ToString();
        if (status.Length > 0 && !Statuses.Contains(status))
        {
            throw ProblemException.Validation("invalid_status", "status must be one of " + string.Join(", ", Statuses) + ".", "status");
        }
        var counts = await store.CountByStatusAsync(Statuses, cancellationToken);
        var (rows, next) = await store.PageAsync(status, limit, cursor, cancellationToken);
        var items = rows.Select(SubscriberDto.From).ToList();
        cursor = next;
        return Results.Json(new SubscriberPage(counts, counts.Values.Sum(), items, Paging.EncodeCursor(cursor)), SubscriberAnswersJson.Default.SubscriberPage);
    }

    public async Task<IResult> CsvAsync(CancellationToken cancellationToken)
    {
        // Read fully before answering so a storage failure still becomes a clean 503.
        var rows = await store.AllAsync(cancellationToken);
        return new CsvResult("subscribers.csv", SubscriberCsv.Write(rows.OrderBy(r => r.CreatedAt)));
    }

    public async Task<IResult> EraseAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, SubscriptionJsonContext.Default.EraseBody, cancellationToken: cancellationToken);
        var email = body.Email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > SubscribeInput.MaxEmailLength || !email.Contains('@', StringComparison.Ordinal))
        {
            throw ProblemException.Validation("invalid_email", "Give the email address to erase.", "email");
        }
        var removed = await store.DeleteAsync(keys.HashOf(email), cancellationToken);
        var erased = await comments.EraseByEmailAsync(EmailIdentity.Normalize(email), cancellationToken);
        var other = 0;
        foreach (var holder in holders)
        {
            other += await holder.EraseAsync(keys.HashOf(email), cancellationToken);
        }
        LogErased(logger, removed, erased, other);
        return Results.Json(new EraseResult(removed, erased, other), SubscriberAnswersJson.Default.EraseResult);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GDPR erasure: subscriber removed {Removed}, {Comments} comment(s) anonymized, {Other} other row(s) removed")]
    private static partial void LogErased(ILogger logger, bool removed, int comments, int other);
}

internal sealed record SubscriberPage(IReadOnlyDictionary<string, int> Counts, int Total, IReadOnlyList<SubscriberDto> Items, string? Next);

/// <summary>What an erasure removed; <see cref="OtherRowsErased"/> counts the rows of the other holders (notifications).</summary>
internal sealed record EraseResult(bool SubscriberRemoved, int CommentsErased, int OtherRowsErased);

internal sealed record SubscriberDto(string Email, string? Name, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt,
    DateTimeOffset? UnsubscribedAt, string? SuppressedReason, DateTimeOffset? ConsentAt, string? ConsentWording, string? ConsentSource)
{
    public static SubscriberDto From(SubscriberEntity e) => new(e.Email, e.Name, e.Status, e.CreatedAt, e.ConfirmedAt,
        e.UnsubscribedAt, e.SuppressedReason, e.ConsentAt, e.ConsentWording, e.ConsentSource);
}
