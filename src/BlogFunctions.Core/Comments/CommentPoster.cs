using System.Text;
using Azure;
using BlogFunctions.Core.Comments.Screening;
using BlogFunctions.Core.Domain;
using BlogFunctions.Core.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Comments;

/// <summary>Accepts one posted comment: token, rate limit, parent, screening, rendering, storing, telling moderators.</summary>
internal sealed partial class CommentPoster(
    CommentStore store,
    CommentProjectionService projections,
    CommentProjectionWork projectionQueue,
    FormTokens formTokens,
    RateLimiter rateLimiter,
    MarkdownRenderer markdown,
    Signer signer,
    AuthorTokens authorTokens,
    CommentReadCache cache,
    ICommentHeldNotifier notifier,
    ICommentNotifications notifications,
    ICommentEvents events,
    TimeProvider time,
    IOptionsMonitor<CommentsOptions> options,
    ILogger<CommentPoster> logger)
{
    public async Task<CommentEntity> PostAsync(string postId, ValidComment input, string clientIp, CancellationToken cancellationToken)
    {
        formTokens.Require(postId, input.FormToken);
        // Rendered first: a body the renderer refuses is bad input, and nothing is counted or stored for it.
        var bodyHtml = markdown.Render(input.Body) ?? throw new InvalidInputException("body_too_nested",
            $"Quotes, lists, links and emphasis nest at most {MarkdownRenderer.MaxNesting} levels deep.", "body");
        var settings = options.CurrentValue;
        var ipHash = signer.Hash("ip", clientIp);
        var emailHash = input.Email is null ? null : signer.EmailHash(input.Email);
        var authorHash = signer.Hash("author", input.Author.ToLowerInvariant());
        var bodyHash = signer.Hash("body", Normalize(input.Body));

        // Every read before the write at once: limits, parent, returning author. Only FirstTime mode
        // asks whether the author is known, and only a signed authorToken can say so: a name and an
        // address anyone can type. The duplicate check needs no read: the write finds it.
        var limits = Task.WhenAll(LimitAsync("ip|" + ipHash, cancellationToken),
            emailHash is null ? Task.CompletedTask : LimitAsync("email|" + emailHash, cancellationToken));
        var parent = input.ParentId is null ? Task.FromResult<CommentEntity?>(null) : store.GetAsync(postId, input.ParentId, cancellationToken);
        var known = emailHash is null || input.AuthorToken is null || settings.Mode != ModerationMode.FirstTime
            ? Task.FromResult(false)
            : authorTokens.ProvesAsync(input.AuthorToken, emailHash, authorHash, cancellationToken);
        await Task.WhenAll(limits, parent, known);
        if (input.ParentId is not null && (await parent)?.Status != CommentStatus.Approved)
        {
            throw new InvalidInputException("invalid_parent", "parentId is not an approved comment of this post.", "parentId");
        }

        var now = time.GetUtcNow();
        var comment = new CommentEntity
        {
            PartitionKey = postId,
            ParentId = input.ParentId,
            Author = input.Author,
            AuthorHash = authorHash,
            Email = input.Email,
            EmailHash = emailHash,
            Website = input.Website,
            IpHash = ipHash,
            Avatar = signer.Hash("avatar", input.Email ?? input.Author.ToLowerInvariant()),
            BodyMarkdown = input.Body,
            BodyHtml = bodyHtml,
            CreatedAt = now,
            Notify = input.Notify == CommentNotify.None ? null : input.Notify,
        };
        var facts = new ScreeningFacts(await known, null);
        ETag? fingerprint = null;
        for (var attempt = 0; ; attempt++)
        {
            var verdict = CommentScreener.Screen(input, facts, settings, now);
            comment.RowKey = CommentIds.New(now);
            comment.Status = verdict.Status;
            comment.Reasons = string.Join('\n', verdict.Reasons);
            var result = await store.CreateAsync(comment, bodyHash, fingerprint, cancellationToken);
            if (result is CreateResult.Created created)
            {
                projections.Enqueue(created.Marker);
                await projectionQueue.EnqueueAsync(created.Marker, cancellationToken);
                await AfterStoredAsync(comment, verdict, cancellationToken);
                return comment;
            }
            if (attempt >= 3)
            {
                // Only a flood of the very same body keeps losing this race.
                throw TooMany(5);
            }
            var duplicate = (CreateResult.DuplicateBody)result;
            facts = facts with { SameBodyLastSeen = duplicate.LastSeen };
            fingerprint = duplicate.FingerprintETag == default ? null : duplicate.FingerprintETag;
        }
    }

    private async Task AfterStoredAsync(CommentEntity comment, Verdict verdict, CancellationToken cancellationToken)
    {
        LogStored(logger, comment.PostId, comment.Id, comment.Status, comment.Reasons);
        if (comment.Status == CommentStatus.Approved)
        {
            cache.Invalidate(comment.PostId);
        }
        else if (comment.Status == CommentStatus.Pending)
        {
            await NotifyAsync(comment, verdict.Reasons, cancellationToken);
        }
        await events.RaiseAsync(comment.Status == CommentStatus.Approved ? CommentEvent.Published
            : comment.Status == CommentStatus.Pending ? CommentEvent.Held : CommentEvent.Spam, comment, cancellationToken);
        // Never for spam: a bot must not be able to make us email an address it typed.
        if (comment is { Notify: { } notify, Email: { } email, EmailHash: { } hash } && comment.Status != CommentStatus.Spam)
        {
            try
            {
                await notifications.RequestedAsync(new NotifyRequest(comment.PostId, comment.Id, email, hash, notify), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The comment is stored; the sign-up is what failed, and the log says so.
                LogSignUpFailed(logger, e, comment.PostId, comment.Id);
            }
        }
    }

    private async Task LimitAsync(string key, CancellationToken cancellationToken)
    {
        if (await rateLimiter.HitAsync(key, cancellationToken) is { } retryAfter)
        {
            throw TooMany(retryAfter);
        }
    }

    private static RateLimitedException TooMany(int retryAfterSeconds) => new("rate_limited", "Too many comments",
        "Slow down: try again after the number of seconds in Retry-After.", retryAfterSeconds);

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

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification sign-up of comment {PostId}/{CommentId} failed: its author will not be notified")]
    private static partial void LogSignUpFailed(ILogger logger, Exception exception, string postId, string commentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Held-comment notification failed for {PostId}/{CommentId}")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string postId, string commentId);
}
