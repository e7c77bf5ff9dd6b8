using BlogFunctions.Core.Comments;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Infrastructure;

/// <summary>Comments written as a POST writes them, without the in-process projection a POST also starts.</summary>
public static class StoredComments
{
    /// <summary>
    /// Stores an approved comment through <paramref name="services"/>' store and sends its projection
    /// message, as a POST on an instance frozen right after answering would have: only the message
    /// (or the hourly sweep) can project it.
    /// </summary>
    internal static async Task<CommentEntity> StoreAndSendMessageOnlyAsync(IServiceProvider services, string post, string author, string body,
        CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var comment = new CommentEntity
        {
            PartitionKey = post,
            RowKey = CommentIds.New(now),
            Author = author,
            Avatar = "avatar",
            BodyMarkdown = body,
            BodyHtml = $"<p>{body}</p>",
            Status = CommentStatus.Approved,
            CreatedAt = now,
        };
        var created = await services.GetRequiredService<CommentStore>().CreateAsync(comment, Guid.NewGuid().ToString("N"), null, cancellationToken);
        var marker = Assert.IsType<CreateResult.Created>(created).Marker;
        await services.GetRequiredService<CommentProjectionWork>().EnqueueAsync(marker, cancellationToken);
        return comment;
    }
}
