using System.Text;
using BlogFunctions.Core.Comments.Screening;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Comments;

/// <summary>Accepts one posted comment: token, rate limit, parent, screening, rendering, storing, telling moderators.</summary>
public sealed partial class CommentPoster(
    CommentStore store,
    FormTokens formTokens,
    RateLimiter rateLimiter,
    MarkdownRenderer markdown,
    Signer signer,
    CommentReadCache cache,
    ICommentHeldNotifier notifier,
    TimeProvider time,
    IOptionsMonitor<CommentsOptions> options,
    ILogger<CommentPoster> logger)
{
    public async Task<CommentEntity> PostAsync(string postId, ValidComment input, string clientIp, CancellationToken cancellationToken)
    {
        formTokens.Require(postId, input.FormToken);
        var ipHash = signer.Hash("ip", clientIp);
        var emailHash = input.Email is null ? null : signer.Hash("email", input.Email);
        await LimitAsync("ip|" + ipHash, cancellationToken);
        if (emailHash is not null)
        {
            await LimitAsync("email|" + emailHash, cancellationToken);
        }

        var authorHash = signer.Hash("author", input.Author.ToLowerInvariant());
        var bodyHash = signer.Hash("body", Normalize(input.Body));
        var parent = input.ParentId is null ? Task.FromResult<CommentEntity?>(null) : store.GetAsync(postId, input.ParentId, cancellationToken);
        var known = emailHash is null ? Task.FromResult(false) : store.IsKnownAuthorAsync(emailHash, authorHash, cancellationToken);
        var lastSeen = store.BodyLastSeenAsync(postId, bodyHash, cancellationToken);
        await Task.WhenAll(parent, known, lastSeen);
        if (input.ParentId is not null && (await parent)?.Status != CommentStatus.Approved)
        {
            throw ProblemException.Validation("invalid_parent", "parentId is not an approved comment of this post.", "parentId");
        }

        var now = time.GetUtcNow();
        var verdict = CommentScreener.Screen(input, new ScreeningFacts(await known, await lastSeen), options.CurrentValue, now);
        var comment = new CommentEntity
        {
            PartitionKey = postId,
            RowKey = CommentIds.New(now),
            ParentId = input.ParentId,
            Author = input.Author,
            AuthorHash = authorHash,
            Email = input.Email,
            EmailHash = emailHash,
            Website = input.Website,
            IpHash = ipHash,
            Avatar = signer.Hash("avatar", input.Email ?? input.Author.ToLowerInvariant()),
            BodyMarkdown = input.Body,
            BodyHtml = markdown.Render(input.Body),
            Status = verdict.Status,
            Reasons = string.Join('\n', verdict.Reasons),
            CreatedAt = now,
        };
        await store.CreateAsync(comment, bodyHash, cancellationToken);
        LogStored(logger, postId, comment.Id, comment.Status, comment.Reasons);

        if (comment.Status == CommentStatus.Approved)
        {
            cache.Invalidate(postId);
        }
        else if (comment.Status == CommentStatus.Pending)
        {
            await NotifyAsync(comment, verdict.Reasons, cancellationToken);
        }
        return comment;
    }

    private async Task LimitAsync(string key, CancellationToken cancellationToken)
    {
        if (await rateLimiter.HitAsync(key, cancellationToken) is { } retryAfter)
        {
            throw new ProblemException(429, "rate_limited", "Too many comments",
                "Slow down: try again after the number of seconds in Retry-After.")
            {
                RetryAfterSeconds = retryAfter,
            };
        }
    }

    private async Task NotifyAsync(CommentEntity comment, IReadOnlyList<string> reasons, CancellationToken cancellationToken)
    {
        try
        {
            await notifier.CommentHeldAsync(new HeldComment(comment.PostId, comment.Id, comment.Author, comment.Email,
                comment.Website, comment.BodyMarkdown, reasons, comment.CreatedAt), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The comment is stored and listed for moderators; a lost notification must not turn that into an error.
            LogNotifyFailed(logger, e, comment.PostId, comment.Id);
        }
    }

    // Whitespace and case differences do not make a repeated body new.
    private static string Normalize(string body)
    {
        var sb = new StringBuilder(body.Length);
        foreach (var part in body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            sb.Append(part.ToLowerInvariant()).Append(' ');
        }
        return sb.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Comment {PostId}/{CommentId} stored as {Status} ({Reasons})")]
    private static partial void LogStored(ILogger logger, string postId, string commentId, string status, string reasons);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Held-comment notification failed for {PostId}/{CommentId}")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string postId, string commentId);
}
