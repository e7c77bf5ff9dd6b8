using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Security;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Email;

/// <summary>GET /api/moderation/deliveries: the delivery log, newest first, paged with an opaque cursor.</summary>
internal sealed class DeliveriesHandler(DeliveryLog log, Signer signer, IEnumerable<IDeliveryPostTitles> titles)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request, DefaultLimit, MaxLimit);
        var cursor = Paging.DecodeCursor(request.Query["cursor"]);
        var filters = new List<string>();
        if (request.Query["email"].ToString() is { Length: > 0 } email)
        {
            filters.Add(TableClient.CreateQueryFilter($"RecipientHash eq {signer.EmailHash(email)}"));
        }
        if (request.Query["kind"].ToString() is { Length: > 0 } kind)
        {
            filters.Add(TableClient.CreateQueryFilter($"Kind eq {kind}"));
        }
        if (request.Query["postId"].ToString() is { Length: > 0 } postId)
        {
            filters.Add(TableClient.CreateQueryFilter($"PostId eq {postId}"));
        }
        var filter = filters.Count == 0 ? null : string.Join(" and ", filters);
        var (items, next) = await log.PageAsync(filter, limit, cursor, cancellationToken);
        cursor = next;
        return Results.Json(new DeliveryPage(await DeliveryPostTitles.AddAsync(titles, items, cancellationToken), Paging.EncodeCursor(cursor)),
            DeliveryJson.Default.DeliveryPage);
    }
}

internal sealed record DeliveryPage(IReadOnlyList<DeliveryDto> Items, string? Next);

/// <summary>One delivery-log row; PostTitle names the post of a newsletter send, whose PostId is the post's table key.</summary>
internal sealed record DeliveryDto(DateTimeOffset At, string Kind, string Outcome, string? RecipientHash, int Recipients,
    string? PostId, string? CommentId, string? Chunk, string? MessageId, int? StatusCode, string? Error, string? PostTitle = null)
{
    public static DeliveryDto From(DeliveryEntity e) => new(e.At, e.Kind, e.Outcome, e.RecipientHash, e.Recipients,
        e.PostId, e.CommentId, e.Chunk, e.MessageId, e.StatusCode, e.Error);
}

/// <summary>limit / cursor query parameters shared by the moderator listings.</summary>
internal static class Paging
{
    public static int Limit(HttpRequest request, int defaultLimit, int maxLimit)
    {
        var raw = request.Query["limit"].ToString();
        if (raw.Length == 0)
        {
            return defaultLimit;
        }
        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= maxLimit
            ? n
            : throw ProblemException.Validation("invalid_limit", $"limit must be between 1 and {maxLimit}.", "limit");
    }

    /// <summary>A Table Storage continuation token, as the listing handed it out.</summary>
    public static string? DecodeCursor(string? cursor) => PageCursor.Decode(cursor);

    public static string? EncodeCursor(string? continuation) => PageCursor.Encode(continuation);
}

/// <summary>The delivery log's answer, generated at build time.</summary>
[JsonSerializable(typeof(DeliveryPage))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class DeliveryJson : JsonSerializerContext;
