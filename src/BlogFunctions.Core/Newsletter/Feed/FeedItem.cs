namespace BlogFunctions.Core.Newsletter.Feed;

/// <summary>One item of a feed, normalised across RSS and Atom.</summary>
internal sealed record FeedItem(string Id, string Title, string Url, string Summary, DateTimeOffset? PublishedAt);
