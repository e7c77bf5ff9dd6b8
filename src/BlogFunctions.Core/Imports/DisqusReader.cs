using System.Runtime.CompilerServices;

namespace BlogFunctions.Core.Imports;

/// <summary>
/// A Disqus XML export: <c>&lt;thread dsq:id&gt;</c> elements (link, title) and <c>&lt;post dsq:id&gt;</c>
/// elements naming their thread and parent by dsq:id, with isDeleted, isSpam, createdAt, author
/// name and email, and the message as HTML. Threads are read in a pass of their own first, so a
/// post may come before its thread in the file.
/// </summary>
internal sealed class DisqusReader(string path) : ISourceReader
{
    private Dictionary<string, string>? _threads;

    public async IAsyncEnumerable<SourceComment> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var threads = _threads ??= await ThreadsAsync(cancellationToken);
        await foreach (var (post, line) in XmlElements.ReadAsync(path, 1, ["post"], cancellationToken))
        {
            var id = post.IdAttribute() ?? throw new ImportFormatException($"line {line}: <post> without a dsq:id");
            var threadId = post.Child("thread").IdAttribute() ?? throw new ImportFormatException($"line {line}: <post dsq:id=\"{id}\"> names no <thread dsq:id>");
            if (!threads.TryGetValue(threadId, out var url))
            {
                throw new ImportFormatException($"line {line}: <post dsq:id=\"{id}\"> names thread {threadId}, which the file does not have");
            }
            var author = post.Child("author");
            var state = XmlElements.IsTrue(post.ChildText("isDeleted")) ? SourceState.Deleted
                : XmlElements.IsTrue(post.ChildText("isSpam")) ? SourceState.Spam
                : post.ChildText("isApproved") is { } approved && !XmlElements.IsTrue(approved) ? SourceState.Pending
                : SourceState.Approved;
            yield return new SourceComment(id, post.Child("parent").IdAttribute(), url, XmlElements.Date(post.ChildText("createdAt")),
                author?.ChildText("name") ?? "", author?.ChildText("email"), null, post.ChildText("message") ?? "", BodyKind.Html, state);
        }
    }

    private async Task<Dictionary<string, string>> ThreadsAsync(CancellationToken cancellationToken)
    {
        var threads = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var (thread, line) in XmlElements.ReadAsync(path, 1, ["thread"], cancellationToken))
        {
            var id = thread.IdAttribute() ?? throw new ImportFormatException($"line {line}: <thread> without a dsq:id");
            threads[id] = thread.ChildText("link") is { Length: > 0 } link ? link
                : throw new ImportFormatException($"line {line}: <thread dsq:id=\"{id}\"> has no <link>");
        }
        return threads;
    }
}
