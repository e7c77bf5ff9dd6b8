using System.Net.Mail;
using System.Text.Json.Serialization;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Security;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>The body of POST /api/subscriptions, JSON or form fields of the same names.</summary>
internal sealed class SubscribeBody
{
    public string? Email { get; set; }
    public string? Name { get; set; }

    /// <summary>Page the form is on (defaults to the Referer).</summary>
    public string? Source { get; set; }

    /// <summary>Version of the consent wording the reader saw.</summary>
    public string? Consent { get; set; }
}

[JsonSerializable(typeof(SubscribeBody))]
[JsonSerializable(typeof(EraseBody))]
// camelCase names only for the OpenAPI document's schemas: reading stays case-insensitive.
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class SubscriptionJsonContext : JsonSerializerContext;

/// <summary>The body of POST /api/moderation/erase.</summary>
internal sealed class EraseBody
{
    public string? Email { get; set; }
}

/// <summary>A validated subscribe request.</summary>
internal sealed record SubscribeInput(string Email, string? Name, string? Source, string? Consent)
{
    public const int MaxEmailLength = 254;
    public const int MaxNameLength = 100;
    public const int MaxSourceLength = 500;

    public static async Task<SubscribeInput> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        SubscribeBody body;
        if (request.HasFormContentType)
        {
            var form = await FormBody.ReadAsync(request, cancellationToken: cancellationToken);
            body = new SubscribeBody { Email = form["email"], Name = form["name"], Source = form["source"], Consent = form["consent"] };
        }
        else
        {
            body = await JsonBody.ReadAsync(request, SubscriptionJsonContext.Default.SubscribeBody, cancellationToken: cancellationToken);
        }
        var email = ValidEmail(body.Email)
            ?? throw ProblemException.Validation("invalid_email", "Enter a valid email address, like name@example.com.", "email");
        var name = HeaderSafe.CleanOrNull(body.Name) is not { } given ? null
            : DisplayNames.Normalize(given) is { Length: <= MaxNameLength } normalized ? normalized
            : throw ProblemException.Validation("invalid_name",
                $"The name may have at most {MaxNameLength} characters, at least one visible, and no control or invisible formatting characters.", "name");
        var source = HeaderSafe.CleanOrNull(body.Source) ?? HeaderSafe.CleanOrNull(request.Headers.Referer);
        return new SubscribeInput(email, name, Truncate(source, MaxSourceLength), Truncate(HeaderSafe.CleanOrNull(body.Consent), 50));
    }

    /// <summary>The normalized address, or null when it is not one we can send to.</summary>
    public static string? ValidEmail(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        var email = EmailIdentity.Normalize(raw);
        if (email.Length > MaxEmailLength || email.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !string.IsNullOrEmpty(parsed.DisplayName))
        {
            return null;
        }
        // A deliverable domain has a dot and no empty labels ("a@b", "a@b..c" are not).
        var domain = parsed.Host;
        return domain.Contains('.', StringComparison.Ordinal) && !domain.Split('.').Any(l => l.Length == 0) && !email.Contains('"')
            ? email
            : null;
    }

    private static string? Truncate(string? s, int max) => s is { Length: > 0 } && s.Length > max ? s[..max] : s;
}
