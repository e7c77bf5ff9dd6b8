using System.Diagnostics.CodeAnalysis;
using System.Text;
using BlogFunctions.Core.Domain;
using Microsoft.AspNetCore.WebUtilities;

namespace BlogFunctions.Core.Storage;

/// <summary>
/// The opaque paging cursor of every listing: base64url of the UTF-8 of where the next page starts
/// (a row key, or a Table Storage continuation token). Opaque so clients cannot build one and
/// listings can change what they page by; one helper so they all accept what they hand out.
/// </summary>
internal static class PageCursor
{
    public const string Code = "invalid_cursor";
    public const string Field = "cursor";
    // The one detail every listing answers a bad cursor with.
    public const string Detail = "The cursor is not one this API returned.";

    [return: NotNullIfNotNull(nameof(key))]
    public static string? Encode(string? key) => key is null ? null : WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(key));

    /// <summary>
    /// Where the page starts, or null without a cursor. A cursor this helper did not make (too long,
    /// not base64url, or a key <paramref name="isValid"/> refuses) is bad input, never a query.
    /// </summary>
    public static string? Decode(string? cursor, int maxLength = int.MaxValue, Func<string, bool>? isValid = null)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }
        try
        {
            var key = cursor.Length <= maxLength ? Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor)) : null;
            if (key is not null && (isValid is null || isValid(key)))
            {
                return key;
            }
        }
        catch (FormatException)
        {
        }
        throw new InvalidInputException(Code, Detail, Field);
    }
}
