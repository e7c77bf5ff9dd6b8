using System.Runtime.InteropServices;

namespace BlogFunctions.Bench;

/// <summary>What the numbers were measured on; they mean little without it.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = ReadField("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var mem = long.TryParse(memKb, out var kb) ? $"{kb / 1024 / 1024.0:F1} GiB" : "?";
        return $"{Environment.ProcessorCount} CPUs ({cpu}), {mem} RAM, {RuntimeInformation.OSDescription}, "
            + $"{RuntimeInformation.FrameworkDescription}, SDK {Sdk()}, Azurite {AzuriteVersion()} in memory, loopback HTTP";
    }

    private static string? ReadField(string file, string name)
    {
        if (!File.Exists(file))
        {
            return null;
        }
        foreach (var line in File.ReadLines(file))
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }
        return null;
    }

    private static string Sdk() => Environment.GetEnvironmentVariable("BENCH_SDK_VERSION") ?? "?";

    private static string AzuriteVersion()
    {
        var package = Path.Combine(Tests.Infrastructure.RepoPaths.Root, "node_modules", "azurite", "package.json");
        if (!File.Exists(package))
        {
            return "?";
        }
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(package));
        return doc.RootElement.GetProperty("version").GetString() ?? "?";
    }
}
