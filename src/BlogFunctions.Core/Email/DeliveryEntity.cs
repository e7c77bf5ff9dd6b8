using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace BlogFunctions.Core.Email;

/// <summary>
/// One send attempt in the delivery log. PartitionKey: the inverted day ("99999999 - yyyyMMdd"),
/// RowKey: inverted ticks plus a random suffix, so a plain table scan returns newest first across
/// days and continuation tokens page through it in that order.
/// </summary>
internal sealed class DeliveryEntity : ITableEntity
{
    public const string TableName = "Deliveries";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = "";
    /// <summary>EmailIdentity.EmailHash of the one recipient's address; null for a multi-recipient send.</summary>
    public string? RecipientHash { get; set; }
    public int Recipients { get; set; }
    public string? PostId { get; set; }
    public string? CommentId { get; set; }
    public string? Chunk { get; set; }
    public string? MessageId { get; set; }
    public string Outcome { get; set; } = "";
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset At { get; set; }

    public static (string PartitionKey, string RowKey) KeysFor(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        var day = 99_999_999 - int.Parse(utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var ticks = DateTimeOffset.MaxValue.UtcTicks - utc.UtcTicks;
        return (day.ToString("D8", CultureInfo.InvariantCulture),
            ticks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8]);
    }
}
