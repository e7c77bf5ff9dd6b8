using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Security;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Moderation.Digest;

/// <summary>
/// Records a held comment for the next moderator digest: one insert, nothing when no one is to be
/// told (Moderation:NotifyEmails empty), then a delayed message on the digest queue that sends it
/// (<see cref="ModerationDigestWork"/>), so the comment POST never waits for SendGrid. Only held comments arrive here, never spam: the
/// notification cannot relay a spammer's text.
/// </summary>
internal sealed class ModerationNoticeRecorder(ModerationNoticeStore notices, ModerationDigestWork digests, IOptionsMonitor<ModerationOptions> options,
    TimeProvider time)
    : ICommentHeldNotifier
{
    public async Task CommentHeldAsync(HeldComment comment, CancellationToken cancellationToken)
    {
        if (ModeratorRecipients.From(options.CurrentValue).Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow();
        await notices.AddAsync(comment.PostId, comment.CommentId, now, cancellationToken);
        // The notice is stored: if the message cannot be sent, the hourly sweep sends the digest.
        await digests.EnqueueAsync(now, cancellationToken);
    }
}
