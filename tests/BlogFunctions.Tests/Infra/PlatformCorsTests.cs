using System.Text.Json;
using System.Text.RegularExpressions;

namespace BlogFunctions.Tests.Infra;

/// <summary>
/// On Flex Consumption the platform answers CORS preflights from siteConfig.cors before any function
/// runs, and Core sets the headers of the real response from Cors__AllowedOrigins__N. Both must come
/// out of the one corsAllowedOrigins parameter: an origin only in the first gets its preflight
/// granted and the response refused; an origin only in the second never gets past the preflight.
/// </summary>
public sealed partial class PlatformCorsTests
{
    /// <summary>Spaces and an empty entry, as a hand-typed azd variable may carry: both lists must clean them the same way.</summary>
    private const string SampleOrigins = " https://blog.example , ,http://localhost:8080";

    private static readonly string[] Expected = ["https://blog.example", "http://localhost:8080"];

    [Fact]
    public async Task Platform_cors_and_core_cors_list_the_same_origins_from_one_parameter()
    {
        var resources = await BicepSnapshot.PredictAsync(
            $"""
            param environmentName = 'cors-test'
            param location = 'westeurope'
            param signingKey = 'sample-signing-key-of-at-least-32-characters'
            param moderatorKeys = 'sample-moderator-key'
            param sendGridApiKey = 'SG.sample'
            param corsAllowedOrigins = '{SampleOrigins}'
            """,
            TestContext.Current.CancellationToken);

        var site = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites");
        var cors = site.GetProperty("properties").GetProperty("siteConfig").GetProperty("cors");
        Assert.Equal(Expected, cors.GetProperty("allowedOrigins").EnumerateArray().Select(o => o.GetString()));
        // Credentials stay off: nothing the widget calls uses cookies.
        Assert.False(cors.GetProperty("supportCredentials").GetBoolean());

        var settings = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/config");
        Assert.Equal(Expected, CorsSettings(settings.GetProperty("properties")));
    }

    /// <summary>
    /// Cors__AllowedOrigins__N in index order. The settings also hold module outputs, which snapshot
    /// cannot know, so they usually stay an expression in which the parameter-only part is evaluated
    /// to createObject('Cors__AllowedOrigins__0', '...', ...); a fully evaluated object is read as is.
    /// </summary>
    private static List<string> CorsSettings(JsonElement properties)
    {
        IEnumerable<(string Name, string Value)> pairs = properties.ValueKind == JsonValueKind.Object
            ? properties.EnumerateObject().Select(p => (p.Name, p.Value.GetString() ?? ""))
            : CreateObjectPair().Matches(properties.GetString() ?? "").Select(m => (m.Groups["name"].Value, m.Groups["value"].Value));
        var byIndex = pairs
            .Select(p => (Match: CorsSettingName().Match(p.Name), p.Value))
            .Where(p => p.Match.Success)
            .ToDictionary(p => int.Parse(p.Match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture), p => p.Value);
        // A gap shows as a missing entry rather than silently shortening the list.
        return [.. Enumerable.Range(0, byIndex.Count).Select(i => byIndex.TryGetValue(i, out var v) ? v : $"<missing __{i}>")];
    }

    [GeneratedRegex(@"'(?<name>Cors__AllowedOrigins__\d+)', '(?<value>[^']*)'")]
    private static partial Regex CreateObjectPair();

    [GeneratedRegex(@"^Cors__AllowedOrigins__(?<index>\d+)$")]
    private static partial Regex CorsSettingName();
}
