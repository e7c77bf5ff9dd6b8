using System.Text.RegularExpressions;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Infra;

/// <summary>
/// infra/main.bicep must set every setting the app binds, and nothing the app does not read
/// (beyond the Functions platform's own settings). Bound settings come from reflection over Core,
/// so a new option fails this test until the Bicep (and README) carry it.
/// </summary>
public sealed partial class SettingsParityTests
{
    /// <summary>Read by the Functions host or platform, not by our code.</summary>
    private static readonly Dictionary<string, string> PlatformSettings = new(StringComparer.Ordinal)
    {
        ["AzureWebJobsStorage__credential"] = "host storage by managed identity",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "telemetry of host and worker",
    };

    /// <summary>Bound, but deliberately absent in Azure.</summary>
    private static readonly Dictionary<string, string> NotSetInAzure = new(StringComparer.Ordinal)
    {
        ["SendGrid__Host"] = "test-only override of the SendGrid endpoint",
        ["Email__OutboxPath"] = "development outbox folder; Azure sends through SendGrid",
        ["Email__Outbox"] = "accepts the outbox outside Development (tests, bench); Azure must send through SendGrid",
        ["Queues__MaxPollingIntervalMilliseconds"] = "the SelfHost's queue pollers; the Functions host reads host.json (QueueSettingsParityTests)",
        ["Queues__VisibilityTimeoutSeconds"] = "the SelfHost's queue pollers; the Functions host reads host.json",
        ["Queues__MaxDequeueCount"] = "the SelfHost's queue pollers; the Functions host reads host.json",
        ["Queues__BatchSize"] = "the SelfHost's queue pollers; the Functions host reads host.json",
        ["Webhooks__Endpoints"] = "optional, none by default; each endpoint is added as app settings, its secret a Key Vault reference (README Webhooks)",
        ["Webhooks__FirstRetrySeconds"] = "tests retry sooner; Azure keeps the 30 s default",
    };

    /// <summary>Literal values in Bicep that differ from the code default on purpose.</summary>
    private static readonly Dictionary<string, string> AzureOverrides = new(StringComparer.Ordinal)
    {
        // Azure's front end sets X-Forwarded-For; the worker only sees the host's address.
        ["Security__TrustForwardedFor"] = "true",
    };

    /// <summary>Settings Flex Consumption rejects or ignores (it takes runtime and package from functionAppConfig).</summary>
    private static readonly string[] ForbiddenOnFlex =
    [
        "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "AzureWebJobsStorage",
    ];

    private static readonly IReadOnlyList<BicepSetting> Bicep = BicepAppSettings.Read();

    [Fact]
    public void Discovery_finds_the_options_the_app_binds()
    {
        // Guards the reflection itself: if it silently found nothing, the parity checks would pass.
        var names = BoundSettings.All.Select(s => s.Name).ToList();
        Assert.Contains("Security__SigningKey", names);
        Assert.Contains("Cors__AllowedOrigins", names);
        Assert.Contains("PublicBaseUrl", names);
        Assert.Contains("AzureWebJobsStorage__accountName", names);
        Assert.True(BoundSettings.All.Single(s => s.Name == "Moderation__Keys").IsArray);
        Assert.True(Bicep.Count >= 10, $"only {Bicep.Count} app settings parsed from main.bicep");
    }

    [Fact]
    public void Every_bound_setting_is_an_app_setting_in_main_bicep()
    {
        var declared = Bicep.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var missing = BoundSettings.All
            .Where(b => !NotSetInAzure.ContainsKey(b.Name))
            .Where(b => !declared.TryGetValue(b.Name, out var d) || d.IsArray != b.IsArray)
            .Select(b => b.IsArray ? $"indexed('{b.Name}', ...)" : b.Name)
            .ToList();
        Assert.True(missing.Count == 0, "infra/main.bicep lacks app settings for: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_app_setting_in_main_bicep_is_read_by_the_app_or_the_platform()
    {
        var bound = BoundSettings.All.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var unused = Bicep.Select(s => s.Name)
            .Where(n => !bound.Contains(n) && !PlatformSettings.ContainsKey(n))
            .ToList();
        Assert.True(unused.Count == 0, "app settings nothing reads: " + string.Join(", ", unused));
        Assert.Equal(Bicep.Count, Bicep.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Exceptions_listed_here_still_exist()
    {
        var bound = BoundSettings.All.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(NotSetInAzure.Keys.Concat(AzureOverrides.Keys), n => Assert.Contains(n, bound));
        Assert.All(PlatformSettings.Keys, n => Assert.Contains(n, Bicep.Select(s => s.Name)));
    }

    [Fact]
    public void Fixed_values_equal_the_code_defaults_unless_overridden_for_Azure()
    {
        var defaults = BoundSettings.All.ToDictionary(s => s.Name, s => s.Default, StringComparer.Ordinal);
        var drift = Bicep
            .Where(s => s.Literal is not null && defaults.ContainsKey(s.Name))
            .Select(s => (s.Name, s.Literal, Expected: AzureOverrides.GetValueOrDefault(s.Name) ?? defaults[s.Name]))
            .Where(x => !string.Equals(x.Literal, x.Expected, StringComparison.Ordinal))
            .Select(x => $"{x.Name}: Bicep '{x.Literal}', expected '{x.Expected}'")
            .ToList();
        Assert.True(drift.Count == 0, "Bicep values drifted from code defaults: " + string.Join("; ", drift));
    }

    [Fact]
    public void Secrets_come_from_Key_Vault_and_Flex_only_settings_are_respected()
    {
        Assert.All(Bicep.Where(s => SecretName().IsMatch(s.Name)),
            s => Assert.Contains("keyVaultReference(", s.Expression, StringComparison.Ordinal));
        Assert.DoesNotContain(Bicep, s => ForbiddenOnFlex.Contains(s.Name, StringComparer.Ordinal));
    }

    [Fact]
    public void Parameters_file_sets_every_required_parameter_and_nothing_else()
    {
        var bicep = File.ReadAllText(BicepAppSettings.MainBicepPath);
        var declared = ParamLine().Matches(bicep).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["default"].Success);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("infra", "main.parameters.json")));
        var given = json.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(given, p => Assert.True(declared.ContainsKey(p), $"main.parameters.json sets unknown parameter {p}"));
        Assert.All(declared.Where(d => !d.Value), d => Assert.Contains(d.Key, given));
    }

    [GeneratedRegex(@"(ApiKey|SigningKey|Moderation__Keys|Secret|Password)$")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^param (?<name>\w+) [\w.]+(?<default> =)?", RegexOptions.Multiline)]
    private static partial Regex ParamLine();
}
