using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Domain;
using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.Moderation.Digest;

/// <summary>
/// The one-click links of moderator emails. GET only shows the comment and a button (mail link
/// scanners fetch GETs); POST applies the action once, and only to the version of the comment the
/// email showed (the ETag in the token): a comment changed since answers the 409 conflict page.
/// The signed token is the credential.
/// </summary>
internal sealed class ModerationLinkHandler(
    ModerationLinkTokens tokens,
    UsedLinkStore used,
    CommentStore comments,
    CommentModerator moderator,
    ModerationLinkPages pages)
{
    public async Task<IResult> PageAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string? token = request.Query["token"];
        if (tokens.Verify(token) is not { } link)
        {
            return pages.Invalid();
        }
        var (comment, refusal) = await CheckAsync(link, cancellationToken);
        return refusal ?? pages.Confirm(link, comment!, request.PathBase + request.Path, token!);
    }

    public async Task<IResult> ActAsync(HttpRequest request, CancellationToken cancellationToken)
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
        CommentEntity? applied;
        try
        {
            // The link is spent now, so the action must happen even if the browser goes away. It
            // applies to the version the email showed (a first-format link: the one checked just
            // now), so a concurrent change by anyone else makes this click the loser, not a silent overwrite.
            applied = await moderator.ApplyAsync(link.PostId, link.CommentId, link.Action, link.Version ?? comment!.ETag,
                CancellationToken.None);
        }
        catch (DomainException e) when (e is ConflictException or PreconditionFailedException)
        {
            await used.ReleaseAsync(link);
            return pages.Changed(await comments.GetAsync(link.PostId, link.CommentId, CancellationToken.None));
        }
        catch
        {
            await used.ReleaseAsync(link);
            throw;
        }
        if (applied is null)
        {
            await used.ReleaseAsync(link);
            return pages.NotFound();
        }
        return pages.Done(link, applied, applied.Status);
    }

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
        if (comment.Status != CommentStatus.Pending)
        {
            return (comment, pages.AlreadyModerated(comment));
        }
        return link.Version is { } version && version != comment.ETag ? (comment, pages.Changed(comment)) : (comment, null);
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
