using System.Text;
using BlogFunctions.Core.Comments;

namespace BlogFunctions.Tests.Comments;

public sealed class CachedPageTests
{
    [Fact]
    public void The_form_token_is_spliced_in_before_the_closing_brace_and_kept_while_it_is_the_same()
    {
        var page = new CachedPage(Encoding.UTF8.GetBytes("""{"comments":[]}"""), "\"e\"");

        var first = page.WithToken("abc.DEF-_1");
        Assert.Equal("""{"comments":[],"formToken":"abc.DEF-_1"}""", Encoding.UTF8.GetString(first));
        Assert.Same(first, page.WithToken("abc.DEF-_1"));

        // The next second's token: new bytes, the cached body itself untouched.
        Assert.Equal("""{"comments":[],"formToken":"xyz"}""", Encoding.UTF8.GetString(page.WithToken("xyz")));
        Assert.Equal("""{"comments":[]}""", Encoding.UTF8.GetString(page.Body));
    }
}
