using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Http;

namespace BlogFunctions.Tests.Comments;

public sealed class CommentInputTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("my-post_2024", true)]
    [InlineData("", false)]
    [InlineData("My-Post", false)]
    [InlineData("a/b", false)]
    [InlineData("a#b", false)]
    [InlineData("a?b", false)]
    [InlineData("a\\b", false)]
    [InlineData("a\n", false)]
    [InlineData("é", false)]
    public void Post_ids(string postId, bool valid) => Assert.Equal(valid, CommentIds.IsValidPostId(postId));

    [Fact]
    public void Post_id_length_limit()
    {
        Assert.True(CommentIds.IsValidPostId(new string('a', 100)));
        Assert.False(CommentIds.IsValidPostId(new string('a', 101)));
    }

    [Theory]
    [InlineData(null, "Body", null, null, "author_required")]
    [InlineData("  ", "Body", null, null, "author_required")]
    [InlineData("Ann\u0007", "Body", null, null, "invalid_author")]
    [InlineData("Ann", "", null, null, "body_required")]
    [InlineData("Ann", "   ", null, null, "body_required")]
    [InlineData("Ann", "Body", "not-an-email", null, "invalid_email")]
    [InlineData("Ann", "Body", "Ann <ann@example.com>", null, "invalid_email")]
    [InlineData("Ann", "Body", "ann@localhost", null, "invalid_email")]
    [InlineData("Ann", "Body", null, "javascript:alert(1)", "invalid_website")]
    [InlineData("Ann", "Body", null, "ftp://example.com", "invalid_website")]
    [InlineData("Ann", "Body", null, "example.com", "invalid_website")]
    [InlineData("Ann", "Body", null, "https://user:pw@example.com", "invalid_website")]
    [InlineData("Ann", "Body", null, null, null)]
    [InlineData("Ann", "Body", "ANN@Example.com", "https://ann.example/blog", null)]
    public void Field_rules(string? author, string? body, string? email, string? website, string? code)
    {
        var request = new CommentRequest(author, email, website, body, null, "token", null);
        if (code is null)
        {
            var valid = CommentInput.Validate(request);
            Assert.Equal(email?.ToLowerInvariant(), valid.Email);
            return;
        }
        var e = Assert.Throws<ProblemException>(() => CommentInput.Validate(request));
        Assert.Equal(code, e.Code);
        Assert.Equal(400, e.Status);
    }

    [Theory]
    [InlineData(80, null)]
    [InlineData(81, "invalid_author")]
    public void Author_limit(int length, string? code) =>
        Assert.Equal(code, Record.Exception(() => CommentInput.Validate(new CommentRequest(new string('a', length), null, null, "b", null, "t", null))) is ProblemException p ? p.Code : null);

    [Theory]
    [InlineData(5000, null)]
    [InlineData(5001, "body_too_long")]
    public void Body_limit(int length, string? code) =>
        Assert.Equal(code, Record.Exception(() => CommentInput.Validate(new CommentRequest("a", null, null, new string('b', length), null, "t", null))) is ProblemException p ? p.Code : null);

    [Theory]
    [InlineData(null, "\"abc\"", false)]
    [InlineData("\"abc\"", "\"abc\"", true)]
    [InlineData("W/\"abc\"", "\"abc\"", true)]
    [InlineData("\"x\", \"abc\"", "\"abc\"", true)]
    [InlineData("*", "\"abc\"", true)]
    [InlineData("\"abd\"", "\"abc\"", false)]
    public void If_none_match(string? header, string etag, bool matches) =>
        Assert.Equal(matches, CommentPageResult.ETagMatches(header, etag));
}
