using System.Text.RegularExpressions;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Infra;

/// <summary>
/// The files around the Bicep agree with each other: azd finds the app and the template, and the
/// deploy workflow hands every value the parameters file reads to azd.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    /// <summary>Values azd itself supplies to the parameters file.</summary>
    private static readonly string[] SetByAzd = ["AZURE_ENV_NAME", "AZURE_LOCATION", "AZURE_PRINCIPAL_ID"];

    [Fact]
    public void Azure_yaml_points_at_the_functions_project_and_the_template()
    {
        var yaml = File.ReadAllText(RepoPaths.Combine("azure.yaml"));

        var project = YamlValue(yaml, "project");
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, project, "BlogFunctions.csproj")), $"azure.yaml project {project}");
        Assert.Equal("function", YamlValue(yaml, "host"));
        Assert.Equal("dotnet", YamlValue(yaml, "language"));
        Assert.True(File.Exists(RepoPaths.Combine(YamlValue(yaml, "path"), YamlValue(yaml, "module") + ".bicep")));
        var hook = YamlValue(yaml, "run");
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, hook)), $"azure.yaml hook {hook}");
        // The Bicep tags the app with the azd service name, or `azd deploy` cannot find it.
        Assert.Contains("serviceName: 'api'", File.ReadAllText(RepoPaths.Combine("infra", "main.bicep")), StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  api:\s*$", yaml);
    }

    [Fact]
    public void Deploy_workflow_passes_every_value_the_parameters_file_reads()
    {
        var parameters = File.ReadAllText(RepoPaths.Combine("infra", "main.parameters.json"));
        var workflow = File.ReadAllText(RepoPaths.Combine(".github", "workflows", "deploy.yml"));

        var read = EnvReference().Matches(parameters).Select(m => m.Groups["name"].Value).Distinct().ToList();
        Assert.NotEmpty(read);
        var missing = read.Except(SetByAzd).Where(name => !Regex.IsMatch(workflow, $@"(?m)^\s+{name}:")).ToList();
        Assert.True(missing.Count == 0, "deploy.yml does not pass: " + string.Join(", ", missing));
    }

    [Fact]
    public void Secrets_come_from_workflow_secrets_not_variables()
    {
        var workflow = File.ReadAllText(RepoPaths.Combine(".github", "workflows", "deploy.yml"));
        foreach (var secret in new[] { "BLOG_SIGNING_KEY", "BLOG_MODERATOR_KEYS", "SENDGRID_API_KEY" })
        {
            Assert.Matches($@"(?m)^\s+{secret}: \$\{{\{{ secrets\.{secret} \}}\}}\s*$", workflow);
        }
    }

    private static string YamlValue(string yaml, string key)
    {
        var match = Regex.Match(yaml, $@"(?m)^\s*{key}:\s*(?<value>\S+)\s*$");
        Assert.True(match.Success, $"azure.yaml has no {key}");
        return match.Groups["value"].Value.TrimStart('.', '/');
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Z0-9_]+)(=[^}]*)?\}")]
    private static partial Regex EnvReference();
}
