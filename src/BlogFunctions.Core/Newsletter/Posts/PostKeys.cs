using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace BlogFunctions.Core.Newsletter.Posts;

/// <summary>Table keys for post ids: a stable, URL-safe digest, so any feed GUID (often a URL) fits a RowKey and a route.</summary>
internal static class PostKeys
{
    public static string For(string postId) =>
        WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(postId)).AsSpan(0, 15));

    public static bool LooksValid(string key) =>
        key.Length == 20 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
