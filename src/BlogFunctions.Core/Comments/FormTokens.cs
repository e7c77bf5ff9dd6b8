using System.Collections.Concurrent;
using System.Globalization;
using BlogFunctions.Core.Domain;
using BlogFunctions.Core.Security;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Comments;

internal enum FormTokenCheck
{
    Valid,
    Invalid,
    TooFast,
    Expired,
}

/// <summary>
/// The form token: HMAC-signed "issue time + post id", handed out by GET comments. It proves a
/// page was loaded (no blind POSTs), that a person took a few seconds to write, and bounds
/// replay to 24 hours. Stateless, so it works across instances.
/// </summary>
internal sealed class FormTokens(Signer signer, TimeProvider time, IOptionsMonitor<CommentsOptions> options)
{
    public const string Purpose = "comment-form";
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

    // Clocks of instances differ a little; a token "from the future" beyond this is forged or broken.
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(2);

    private const int MaxCurrent = 10_000;

    // A token names its second: every reader of a post within one second gets the same token, so it
    // is signed once a second per post, not once per GET (an HMAC and three strings each, at tens of
    // thousands of reads a second on a busy thread).
    private readonly ConcurrentDictionary<string, (long Second, string Token)> _current = new(StringComparer.Ordinal);

    public string Issue(string postId)
    {
        var now = time.GetUtcNow();
        var second = now.ToUnixTimeSeconds();
        if (_current.TryGetValue(postId, out var current) && current.Second == second)
        {
            return current.Token;
        }
        if (_current.Count >= MaxCurrent)
        {
            _current.Clear();
        }
        var token = Issue(postId, now);
        _current[postId] = (second, token);
        return token;
    }

    public string Issue(string postId, DateTimeOffset issuedAt) =>
        signer.Sign(Purpose, issuedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + ":" + postId);

    /// <summary>Pure: classifies a token's age against the limits.</summary>
    public static FormTokenCheck Classify(TimeSpan age, TimeSpan minAge) =>
        age < -Skew ? FormTokenCheck.Invalid
        : age < minAge ? FormTokenCheck.TooFast
        : age > MaxAge ? FormTokenCheck.Expired
        : FormTokenCheck.Valid;

    public (FormTokenCheck Check, TimeSpan Age) Check(string postId, string token)
    {
        var payload = signer.Verify(Purpose, token);
        var colon = payload?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (payload is null || colon <= 0 || !string.Equals(payload[(colon + 1)..], postId, StringComparison.Ordinal)
            || !long.TryParse(payload.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return (FormTokenCheck.Invalid, TimeSpan.Zero);
        }
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return (Classify(age, TimeSpan.FromSeconds(options.CurrentValue.MinSecondsToSubmit)), age);
    }

    /// <summary>Throws the refusal a widget can act on: retry later, or retry with the fresh token included.</summary>
    public void Require(string postId, string token)
    {
        var (check, age) = Check(postId, token);
        switch (check)
        {
            case FormTokenCheck.Valid:
                return;
            case FormTokenCheck.TooFast:
                var wait = (int)Math.Ceiling(options.CurrentValue.MinSecondsToSubmit - age.TotalSeconds);
                throw new InvalidInputException("form_token_too_fast", "Wait a moment, then send the same request again.",
                    title: "Submitted too quickly")
                {
                    Extensions = { ["retryAfterSeconds"] = Math.Max(1, wait) },
                };
            default:
                var e = check == FormTokenCheck.Expired
                    ? new InvalidInputException("form_token_expired",
                        "The page was open too long. Send again with the formToken in this response.", "formToken",
                        "The form has expired")
                    : new InvalidInputException("form_token_invalid",
                        "Send again with the formToken in this response (also returned by GET comments).", "formToken",
                        "The form token is not valid");
                // An expired token proves the page was open long enough: the fresh one may be used at once.
                e.Extensions["formToken"] = check == FormTokenCheck.Expired
                    ? Issue(postId, time.GetUtcNow().AddSeconds(-options.CurrentValue.MinSecondsToSubmit))
                    : Issue(postId);
                throw e;
        }
    }
}
