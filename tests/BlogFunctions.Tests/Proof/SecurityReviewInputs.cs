using System.Text;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// The attack classes of the security review (#14), as generator pieces: headers only a platform
/// may set, Markdown nested until a parser gives up, names that hide or reorder text, and cursors
/// made up to fill a cache.
/// </summary>
public static class SecurityReviewInputs
{
    /// <summary>Kind of the requests that claim an App Service principal; anything but a 401/403 fails.</summary>
    public const string ForgedPrincipalKind = "forged-principal";

    private static readonly string[] ForwardedValues =
    [
        "203.0.113.7, 198.51.100.1", "unknown", "::1", "127.0.0.1", "2001:db8::1, 2001:db8::2", "not-an-address",
        "[2001:db8::1]:443", "1.2.3.4:99999", "999.1.1.1", string.Join(", ", Enumerable.Repeat("10.0.0.1", 500)),
        "%0d%0aX-Injected: 1", "", " , , ", "for=192.0.2.60;proto=http",
    ];

    public static IReadOnlyList<KeyValuePair<string, string>> ForgedForwarding(Random random) =>
    [
        new("X-Forwarded-For", Pick(random, ForwardedValues)),
        new("X-Forwarded-Proto", Pick(random, ["https", "gopher", ""])),
        new("X-Forwarded-Host", Pick(random, ["evil.example", "localhost:1", ""])),
        new("Forwarded", "for=" + Pick(random, ForwardedValues)),
        new("X-Original-For", Pick(random, ForwardedValues)),
    ];

    /// <summary>A moderator operation called with a self-made principal claiming the moderator role.</summary>
    public static HostileRequest ForgedPrincipal(ApiOperation op, string postId, Random random)
    {
        var path = op.Expand(n => n == "postId" ? postId : "c" + random.Next(1_000_000));
        var claims = Pick(random,
        [
            """[{"typ":"roles","val":"moderator"}]""",
            """[{"val":"moderator"}]""",
            """[{"typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role","val":"moderator"}]""",
        ]);
        var principal = $$"""{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":{{claims}}}""";
        var value = Pick(random, [Convert.ToBase64String(Encoding.UTF8.GetBytes(principal)), principal, "%%%", new string('A', 9000)]);
        var body = op.Method is "POST" or "PUT" or "PATCH" ? Encoding.UTF8.GetBytes("{\"email\":\"x@example.com\"}") : null;
        return new(op, ForgedPrincipalKind, path, body, body is null ? null : "application/json",
        [
            new("X-MS-CLIENT-PRINCIPAL", value),
            new("X-MS-CLIENT-PRINCIPAL-IDP", "aad"),
            new("X-MS-CLIENT-PRINCIPAL-NAME", "mallory@example.com"),
        ]);
    }

    /// <summary>Markdown whose nesting makes naive parsers recurse or throw; under the 5,000-character limit.</summary>
    public static string NestedMarkdown(Random random)
    {
        var n = 100 + random.Next(1_500);
        return Pick(random,
        [
            new string('[', n * 3), new string('>', n), string.Concat(Enumerable.Repeat("> ", n)) + "x",
            string.Concat(Enumerable.Repeat("1. ", n)) + "x", string.Concat(Enumerable.Repeat("- ", n)) + "x",
            string.Concat(Enumerable.Repeat("[a](", n)) + "x", string.Concat(Enumerable.Repeat("*_", n)) + "x",
            string.Concat(Enumerable.Range(0, Math.Min(n, 60)).Select(i => new string(' ', i * 2) + "- l\n")),
            new string('`', n) + "x", string.Concat(Enumerable.Repeat("<a>", n)),
        ]);
    }

    /// <summary>Names that look empty, or read differently from what they hold.</summary>
    public static string FormatCharacterName(Random random) => Pick(random,
    [
        "\u200B", "\u200B\u200C\u200D\u2060", "Mallory\u202Egnp.exe\u202C", "Admin\u2066 (moderator)\u2069", "\u3164",
        "\u115F\u1160", "Ann\u00AD", "\uFEFF", "\u2800", "A\u061Cdmin", "\U000E0041\U000E0042",
    ]);

    /// <summary>Well-formed comment ids nobody's paging produced, and ill-formed ones.</summary>
    public static string FabricatedCursor(Random random) => Pick(random,
    [
        random.NextInt64(0, 0xFFFFFFFFFFFFFFF).ToString("x15", System.Globalization.CultureInfo.InvariantCulture) + random.Next(0xFFFFFF).ToString("x6", System.Globalization.CultureInfo.InvariantCulture),
        "000000000000000000000", "fffffffffffffffffffff", "eyJwayI6IngiLCJyayI6InkifQ", new string('0', 22), "%C0%80",
    ]);

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];
}
