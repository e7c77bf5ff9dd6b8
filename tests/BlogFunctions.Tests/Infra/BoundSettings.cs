using System.Collections;
using System.Globalization;
using System.Reflection;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace BlogFunctions.Tests.Infra;

/// <summary>One setting the app binds, in app-setting spelling (<c>Section__Property</c>).</summary>
public sealed record BoundSetting(string Name, bool IsArray, string? Default);

/// <summary>
/// Discovers every setting Core binds by reflection, so options added later are covered without
/// touching the test: each class with a <c>public const string Section</c> (its public settable
/// properties, nested option objects recursed into), the root-bound <see cref="PublicUrlOptions"/>,
/// and the storage connection the Functions host and our tables share.
/// </summary>
public static class BoundSettings
{
    public static IReadOnlyList<BoundSetting> All { get; } = Discover();

    private static List<BoundSetting> Discover()
    {
        var settings = new List<BoundSetting>();
        foreach (var type in typeof(PublicUrlOptions).Assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract))
        {
            var section = type.GetField("Section", BindingFlags.Public | BindingFlags.Static);
            if (section is { IsLiteral: true } && section.GetRawConstantValue() is string name)
            {
                AddProperties(settings, type, name.Replace(":", "__", StringComparison.Ordinal));
            }
        }
        AddProperties(settings, typeof(PublicUrlOptions), "");
        // The identity-based form of AzureWebJobsStorage is what Azure uses (no connection string).
        settings.Add(new BoundSetting($"{TableServiceClientFactory.SettingName}__accountName", false, null));
        return settings.DistinctBy(s => s.Name).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    private static void AddProperties(List<BoundSetting> settings, Type type, string prefix)
    {
        var instance = type.GetConstructor(Type.EmptyTypes) is null ? null : Activator.CreateInstance(type);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetMethod is null || property.GetIndexParameters().Length > 0)
            {
                continue;
            }
            var key = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;
            var name = prefix.Length == 0 ? key : $"{prefix}__{key}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var settable = property.SetMethod?.IsPublic == true;
            if (IsScalar(propertyType))
            {
                if (settable)
                {
                    settings.Add(new BoundSetting(name, false, Format(instance is null ? null : property.GetValue(instance))));
                }
            }
            else if (typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                settings.Add(new BoundSetting(name, true, null));
            }
            else if (propertyType.IsClass)
            {
                // The binder fills nested option objects, settable or not (e.g. Comments:RateLimit).
                AddProperties(settings, propertyType, name);
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
        || type == typeof(TimeSpan) || type == typeof(Uri) || type == typeof(DateTimeOffset) || type == typeof(Guid);

    private static string? Format(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
