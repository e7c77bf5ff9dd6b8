using System.Text;
using System.Text.Json.Nodes;

namespace BlogFunctions.Tests.Proof;

/// <summary>One generated request: what it attacks, and exactly the bytes to send.</summary>
public sealed record HostileRequest(ApiOperation Operation, string Kind, string PathAndQuery, byte[]? Body, string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Operation.Method), new Uri(PathAndQuery, UriKind.Relative));
        foreach (var (name, value) in Headers ?? [])
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            message.Content.Headers.ContentType = null;
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }
        return message;
    }

    public override string ToString() =>
        $"{Kind}: {Operation.Method} {Truncate(PathAndQuery)} [{ContentType}] {string.Join(" ", (Headers ?? []).Select(h => $"{h.Key}: {Truncate(h.Value)}"))} "
        + (Body is null ? "" : Truncate(Encoding.UTF8.GetString(Body)));

    private static string Truncate(string s) => s.Length <= 160 ? s : s[..160] + $"…({s.Length} chars)";
}

/// <summary>Tokens the suite attacks with, obtained from real servers (see <see cref="HostileInputTests.Server"/>).</summary>
public sealed record HostileTokens(string Valid, string OtherPost, string Expired, string ForeignKey);

/// <summary>
/// Generates hostile requests for the public operations of the document, reproducibly from a seed:
/// exotic path ids, query junk, malformed and oversized bodies, wrong media types, injection
/// payloads and bad tokens; pathological Markdown, Unicode format characters in names, forged
/// forwarding and App Service principal headers (moderator routes included: they must refuse),
/// and fabricated cursors. Everything sent is percent-encoded exactly as listed, so the wire
/// bytes are known.
/// </summary>
public static class HostileRequests
{
    /// <summary>Path values, already as they appear on the wire.</summary>
    public static readonly string[] ExoticIds =
    [
        "a%2Fb", "a%5Cb", "a%23b", "a%3Fb", "%2E%2E", "%2E", "a%00b", "%0D%0AX-Injected:%201", "a%09b", "a%7Fb",
        "%E2%80%AEtxet", "%F0%9F%98%80", "%EF%BC%A1", "%C4%B0", "a%20b", "%252F", "%25", "%C3%28", "%FF%FE",
        "%ED%A0%80", "%C0%AF", "UPPER", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "'%20OR%201=1--", new string('a', 101),
        new string('z', 2000), "CON", "%E2%80%8B", "-", "_",
    ];

    public static readonly string[] JunkQueryValues =
    [
        "", "%00", "%FF", "null", "-1", "99999999999999999999", "%7B%22a%22%3A1%7D", "..%2F..%2Fetc%2Fpasswd",
        "%3Cscript%3E", new string('q', 4000), "eyJwayI6IngifQ", "%E2%80%AE", "a%0D%0Ab",
    ];

    public static readonly string[] XssPayloads =
    [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>", "<svg onload=alert(1)>", "<iframe src=//evil.example>",
        "\"><script>alert(document.cookie)</script>", "![x](https://evil.example/p.png)", "<style>*{display:none}</style>",
    ];

    public static readonly string[] InjectionStrings =
    [
        "Ada\r\nBcc: victim@example.com", "ada@example.com\r\nBcc: victim@example.com", "ada@example.com\nSubject: hi",
        "a\u0000b", "\u202Eevil", "\u200B", "\uFEFFada", "\ud800", "😀😀😀", "Ada\r\n\r\n<html>", "=?utf-8?q?x?=",
    ];

    public static IReadOnlyList<HostileRequest> Generate(IReadOnlyList<ApiOperation> operations, string postId,
        HostileTokens? tokens, int seed, int minimum)
    {
        var random = new Random(seed);
        var all = new List<HostileRequest>();
        var targets = operations.Where(o => !o.IsModerator).ToArray();
        while (all.Count < minimum)
        {
            foreach (var op in targets)
            {
                all.AddRange(ForOperation(op, postId, tokens, random));
            }
            foreach (var op in operations.Where(o => o.IsModerator))
            {
                all.Add(SecurityReviewInputs.ForgedPrincipal(op, postId, random));
            }
        }
        return all;
    }

    private static IEnumerable<HostileRequest> ForOperation(ApiOperation op, string postId, HostileTokens? tokens, Random random)
    {
        string Path(Func<string, string?>? pick = null) => op.Expand(n => pick?.Invoke(n) ?? (n == "postId" ? postId : "c" + random.Next(1_000_000)));
        var path = Path();
        var hasBody = op.Method is "POST" or "PUT" or "PATCH";
        byte[]? ValidBody() => hasBody ? Encoding.UTF8.GetBytes(BaseBody(tokens?.Valid).ToJsonString()) : null;
        var json = hasBody ? "application/json" : null;

        if (op.PathParameters.Count > 0)
        {
            var id = ExoticIds[random.Next(ExoticIds.Length)];
            var param = op.PathParameters[random.Next(op.PathParameters.Count)];
            yield return new(op, "exotic-id", Path(n => n == param ? id : null!), ValidBody(), json);
        }
        yield return new(op, "junk-query", $"{path}?{Pick(random, ["cursor", "postId", "token", "status", "page"])}={JunkQueryValues[random.Next(JunkQueryValues.Length)]}", ValidBody(), json);
        yield return new(op, "many-query", path + "?" + string.Join("&", Enumerable.Range(0, 60 + random.Next(200)).Select(i => $"postId=p{i}")), ValidBody(), json);
        yield return new(op, "forged-forwarding", path, ValidBody(), json, SecurityReviewInputs.ForgedForwarding(random));
        if (op.Method == "GET")
        {
            yield return new(op, "fabricated-cursor", $"{path}?cursor={SecurityReviewInputs.FabricatedCursor(random)}", null, null);
        }
        if (op.Method == "GET" || tokens is null)
        {
            yield return new(op, "bad-token-query", $"{path}?token={BadToken(tokens, random)}", null, null);
            yield break;
        }
        foreach (var (kind, body, type) in Bodies(tokens, random))
        {
            yield return new(op, kind, path, body, type);
        }
    }

    private static IEnumerable<(string Kind, byte[] Body, string? ContentType)> Bodies(HostileTokens tokens, Random random)
    {
        const string Json = "application/json";
        var valid = BaseBody(tokens.Valid).ToJsonString();
        byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
        JsonObject With(string field, JsonNode? value) { var b = BaseBody(tokens.Valid); b[field] = value; return b; }
        string Field() => Pick(random, ["author", "email", "body", "website", "name", "parentId", "formToken"]);

        yield return ("truncated-json", Utf8(valid[..random.Next(1, valid.Length - 1)]), Json);
        yield return ("malformed-json", Utf8(valid.Replace("\":", "\"", StringComparison.Ordinal)), Json);
        var depth = 200 + random.Next(20_000);
        yield return ("deep-nesting", Utf8(string.Concat(Enumerable.Repeat("{\"a\":[", depth)) + "1" + string.Concat(Enumerable.Repeat("]}", depth))), Json);
        yield return ("huge-string", Utf8(With(Field(), new string('x', 5_001 + random.Next(400_000))).ToJsonString()), Json);
        yield return ("long-but-small", Utf8(With(Field(), new string('y', 81 + random.Next(5_000))).ToJsonString()), Json);
        yield return ("invalid-utf8", [.. Utf8("{\"author\":\"Ad"), 0xC3, 0x28, 0xFF, .. Utf8($"\",\"body\":\"x\",\"formToken\":\"{tokens.Valid}\"}}")], Json);
        yield return ("wrong-content-type", Utf8(valid), Pick(random, ["text/plain", "application/xml", "application/json; charset=iso-8859-1", "multipart/form-data; boundary=x", "image/png", "application/x-www-form-urlencoded"]));
        yield return ("no-content-type", Utf8(valid), null);
        yield return ("not-an-object", Utf8(Pick(random, ["null", "[]", "42", "\"text\"", "true", "{}", "", " "])), Json);
        yield return ("wrong-types", Utf8(With(Field(), Pick<JsonNode?>(random, [5, new JsonObject(), new JsonArray(1, 2), null, true, 1e300])).ToJsonString()), Json);
        yield return ("duplicate-keys", Utf8(valid.TrimEnd('}') + ",\"body\":\"second\",\"author\":\"\"}"), Json);
        yield return ("bom-prefixed", [0xEF, 0xBB, 0xBF, .. Utf8(valid)], Json);
        yield return ("injection", Utf8(With(Pick(random, ["author", "email", "name", "website"]), InjectionStrings[random.Next(InjectionStrings.Length)]).ToJsonString()), Json);
        yield return ("xss", Utf8(With(Pick(random, ["body", "author", "website", "name"]), XssPayloads[random.Next(XssPayloads.Length)]).ToJsonString()), Json);
        yield return ("nested-markdown", Utf8(With("body", SecurityReviewInputs.NestedMarkdown(random)).ToJsonString()), Json);
        yield return ("format-characters", Utf8(With(Pick(random, ["author", "name"]), SecurityReviewInputs.FormatCharacterName(random)).ToJsonString()), Json);
        yield return ("oversized", new byte[Pick(random, [16 * 1024 + 1, 1024 * 1024, 3 * 1024 * 1024])], Json);
        yield return ("bad-token", Utf8(With("formToken", BadToken(tokens, random)).ToJsonString()), Json);
        yield return ("hostile-parent", Utf8(With("parentId", ExoticIds[random.Next(ExoticIds.Length)]).ToJsonString()), Json);
        yield return ("form-junk", Utf8("email=%FF%FE&name=%0D%0ABcc:x&List-Unsubscribe=One-Click&token=" + Uri.EscapeDataString(BadToken(tokens, random))), "application/x-www-form-urlencoded");
    }

    private static string BadToken(HostileTokens? tokens, Random random)
    {
        var valid = tokens?.Valid ?? "dG9rZW4";
        return Pick(random,
        [
            "", "bogus", "null", new string('A', 3000), valid[..(valid.Length / 2)], Tamper(valid, random),
            valid + "=", "%00", tokens?.OtherPost ?? "x.y", tokens?.Expired ?? "x.y.z", tokens?.ForeignKey ?? "a.b",
        ]);
    }

    private static string Tamper(string token, Random random)
    {
        var chars = token.ToCharArray();
        var i = random.Next(chars.Length);
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    public static JsonObject BaseBody(string? formToken) => new()
    {
        ["author"] = "Hostile Tester",
        ["email"] = "hostile.tester@example.com",
        ["name"] = "Hostile Tester",
        ["body"] = "A comment about lower back pain.",
        ["formToken"] = formToken ?? "",
    };

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];
}
