using System.Net.Mail;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Security;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// A posted comment after validation: trimmed, within limits, email lower-cased. The author token
/// is passed on unchecked: a bad one is not an error, it only proves nothing (see <see cref="AuthorTokens"/>).
/// </summary>
internal sealed record ValidComment(string Author, string? Email, string? Website, string Body, string? ParentId,
    string FormToken, bool HoneypotFilled, string? AuthorToken = null, string Notify = CommentNotify.None);

/// <summary>The contract's field rules, as pure functions; each failure is a 400 with its own code and field.</summary>
internal static class CommentInput
{
    public const int MaxBody = 5000;
    public const int MaxAuthor = 80;
    public const int MaxEmail = 254;
    public const int MaxWebsite = 300;

    public static string PostId(string postId) => CommentIds.IsValidPostId(postId)
        ? postId
        : throw ProblemException.Validation("invalid_post_id",
            "A post id is 1 to 100 characters of a-z, 0-9, '_' and '-'.", "postId");

    public static ValidComment Validate(CommentRequest request)
    {
        var author = request.Author?.Trim() ?? "";
        if (author.Length == 0)
        {
            throw ProblemException.Validation("author_required", "Give a name.", "author");
        }
        author = DisplayNames.Normalize(author) is { Length: <= MaxAuthor } normalized
            ? normalized
            : throw ProblemException.Validation("invalid_author",
                $"A name has at most {MaxAuthor} characters, at least one visible, and no control or invisible formatting characters.", "author");
        var body = request.Body?.Trim() ?? "";
        if (body.Length == 0)
        {
            throw ProblemException.Validation("body_required", "The comment is empty.", "body");
        }
        if (body.Length > MaxBody)
        {
            throw ProblemException.Validation("body_too_long", $"A comment has at most {MaxBody} characters.", "body");
        }
        var email = Email(request.Email);
        var website = Website(request.Website);
        var notify = string.IsNullOrEmpty(request.Notify) ? CommentNotify.None : request.Notify;
        if (!CommentNotify.IsValid(notify))
        {
            throw ProblemException.Validation("invalid_notify", "notify is one of none, replies and post.", "notify");
        }
        if (notify != CommentNotify.None && email is null)
        {
            throw ProblemException.Validation("notify_requires_email", "Give an email address to be notified at.", "email");
        }
        var parentId = string.IsNullOrEmpty(request.ParentId) ? null : request.ParentId;
        if (parentId is not null && !CommentIds.IsValid(parentId))
        {
            throw ProblemException.Validation("invalid_parent", "parentId is not a comment of this post.", "parentId");
        }
        if (string.IsNullOrEmpty(request.FormToken))
        {
            throw ProblemException.Validation("form_token_invalid", "formToken is missing: read it from GET comments.", "formToken");
        }
        return new ValidComment(author, email, website, body, parentId, request.FormToken,
            !string.IsNullOrWhiteSpace(request.Homepage), string.IsNullOrEmpty(request.AuthorToken) ? null : request.AuthorToken, notify);
    }

    internal static string? Email(string? value)
    {
        var email = value?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            return null;
        }
        return ValidEmail(email) ?? throw ProblemException.Validation("invalid_email", "The email address is not valid.", "email");
    }

    /// <summary>The address as stored (normalized), or null when it is not one a POST accepts (imports drop those).</summary>
    internal static string? ValidEmail(string email) =>
        email.Length > MaxEmail || !MailAddress.TryCreate(email, out var parsed)
            || parsed.Address != email || !parsed.Host.Contains('.', StringComparison.Ordinal)
            ? null
            : EmailIdentity.Normalize(email);

    internal static string? Website(string? value)
    {
        var website = value?.Trim();
        if (string.IsNullOrEmpty(website))
        {
            return null;
        }
        return ValidWebsite(website)
            ?? throw ProblemException.Validation("invalid_website", "The website must be an http:// or https:// address.", "website");
    }

    /// <summary>The website as stored, or null when a POST would refuse it (imports drop those).</summary>
    internal static string? ValidWebsite(string website) =>
        website.Length > MaxWebsite || !Uri.TryCreate(website, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host) || !string.IsNullOrEmpty(uri.UserInfo)
            ? null
            : uri.AbsoluteUri;
}
