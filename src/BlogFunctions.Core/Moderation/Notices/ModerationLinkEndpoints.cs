using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.Moderation.Notices;

/// <summary>
/// The one-click links of moderator emails. GET only shows the comment and a button (mail link
/// scanners fetch GETs); POST applies the action once. The signed token is the credential.
/// </summary>
public sealed class ModerationLinkEndpoints(
    ApiPipeline pipeline,
    ModerationLinkTokens tokens,
    UsedLinkStore used,
    CommentStore comments,
    ICommentModeration moderation,
    ModerationLinkPages pages)
{
    public Task<IResult> PageAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, RouteAccess.Public, async () =>
        {
            string? token = request.Query["token"];
            if (tokens.Verify(token) is not { } link)
            {
                return pages.Invalid();
            }
            var (comment, refusal) = await CheckAsync(link, cancellationToken);
            return refusal ?? pages.Confirm(link, comment!, request.PathBase + request.Path, token!);
        });

    public Task<IResult> ActAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, RouteAccess.Public, async () =>
        {
            if (tokens.Verify(await TokenAsync(request, cancellationToken)) is not { } link)
            {
                return pages.Invalid();
            }
            var (comment, refusal) = await CheckAsync(link, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }
            if (!await used.TryUseAsync(link, cancellationToken))
            {
                return pages.AlreadyUsed(comment); // a concurrent click of the same link won
            }
            bool applied;
            try
            {
                // The link is spent now, so the action must happen even if the browser goes away.
                applied = await moderation.ApplyAsync(link.PostId, link.CommentId, link.Action, CancellationToken.None);
            }
            catch
            {
                await used.ReleaseAsync(link);
                throw;
            }
            if (!applied)
            {
                await used.ReleaseAsync(link);
                return pages.NotFound();
            }
            return pages.Done(link, comment!, CommentStatus.From(link.Action));
        });

    /// <summary>The comment when the link may still act on it, else the page that says why not.</summary>
    private async Task<(CommentEntity? Comment, IResult? Refusal)> CheckAsync(ModerationLink link, CancellationToken cancellationToken)
    {
        var isUsed = used.IsUsedAsync(link, cancellationToken);
        var comment = await comments.GetAsync(link.PostId, link.CommentId, cancellationToken);
        if (await isUsed)
        {
            return (comment, pages.AlreadyUsed(comment));
        }
        if (comment is null)
        {
            return (null, pages.NotFound());
        }
        return comment.Status == CommentStatus.Pending ? (comment, null) : (comment, pages.AlreadyModerated(comment));
    }

    /// <summary>The token from the form field (the confirm button) or, for scripted use, the query.</summary>
    private static async Task<string?> TokenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string? token = request.Query["token"];
        if (string.IsNullOrEmpty(token) && request.HasFormContentType && request.ContentLength is null or <= JsonBody.DefaultMaxBytes)
        {
            try
            {
                token = (await FormBody.ReadAsync(request, cancellationToken: cancellationToken))["token"];
            }
            catch (ProblemException)
            {
                return null; // a malformed form carries no usable token: the invalid-link page says so
            }
        }
        return token;
    }
}
