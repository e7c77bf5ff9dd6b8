using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Security;

namespace BlogFunctions.Core.Notifications;

internal sealed record NotifySubscriptionDto(string PostId, string? CommentId, string Kind, DateTimeOffset CreatedAt);

internal sealed record NotifyBatchDto(string Id, string State, DateTimeOffset FirstAt, int Notifications, string? LastOutcome, DateTimeOffset? SentAt);

/// <summary>What GET /api/moderation/notifications answers: everything held for one address (also its GDPR export).</summary>
internal sealed record AddressNotifications(
    string Email,
    bool Verified,
    DateTimeOffset? VerifiedAt,
    string? VerifiedBy,
    DateTimeOffset? ConfirmationSentAt,
    DateTimeOffset? OptedOutAt,
    IReadOnlyList<NotifySubscriptionDto> Subscriptions,
    IReadOnlyList<NotifyBatchDto> Batches,
    IReadOnlyList<DeliveryDto> Deliveries);

/// <summary>The moderator's answer to "what is this address signed up for, and what did it get?".</summary>
internal sealed class NotificationAdminHandler(NotifyStore store, DeliveryLog log, Signer signer)
{
    public const int MaxDeliveries = 50;
    public const int MaxBatches = 20;

    public async Task<IResult> GetAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var email = CommentInput.Email(request.Query["email"].ToString())
            ?? throw ProblemException.Validation("invalid_email", "Give the email address to look up.", "email");
        var hash = signer.EmailHash(email);
        var address = store.AddressAsync(hash, cancellationToken);
        var subscriptions = store.SubscriptionsOfAsync(hash, cancellationToken);
        var batches = store.RecentBatchesAsync(hash, MaxBatches, cancellationToken);
        var deliveries = LastDeliveriesAsync(hash, cancellationToken);
        await Task.WhenAll(address, subscriptions, batches, deliveries);
        var a = await address;
        return Results.Json(new AddressNotifications(email, a?.VerifiedAt is not null, a?.VerifiedAt, a?.VerifiedBy, a?.ConfirmationSentAt,
            a?.OptedOutAt,
            [.. (await subscriptions).Select(s => new NotifySubscriptionDto(s.PostId, s.CommentId,
                s.CommentId is null ? CommentNotify.Post : CommentNotify.Replies, s.CreatedAt))],
            [.. (await batches).Select(b => new NotifyBatchDto(b.BatchId, b.State, b.FirstAt, b.Count, b.LastOutcome, b.SentAt))],
            await deliveries), NotifyAdminJson.Default.AddressNotifications);
    }

    /// <summary>
    /// The newest <see cref="MaxDeliveries"/> rows for the address. A filtered scan answers short
    /// pages (Azure ends one at each partition boundary), so pages are followed, a bounded number.
    /// </summary>
    private async Task<List<DeliveryDto>> LastDeliveriesAsync(string hash, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RecipientHash eq {hash}");
        var items = new List<DeliveryDto>();
        string? cursor = null;
        for (var page = 0; page < 10 && items.Count < MaxDeliveries; page++)
        {
            var (found, next) = await log.PageAsync(filter, MaxDeliveries - items.Count, cursor, cancellationToken);
            items.AddRange(found);
            if ((cursor = next) is null)
            {
                break;
            }
        }
        return items;
    }
}

/// <summary>The notification admin route's answer, generated at build time.</summary>
[JsonSerializable(typeof(AddressNotifications))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class NotifyAdminJson : JsonSerializerContext;
