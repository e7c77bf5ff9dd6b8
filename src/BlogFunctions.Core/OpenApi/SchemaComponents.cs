using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace BlogFunctions.Core.OpenApi;

/// <summary>
/// JSON schemas of the API's bodies, exported by <see cref="JsonSchemaExporter"/> from the same
/// <see cref="JsonTypeInfo"/> the handlers read or write with, so the document cannot describe a
/// shape the serializer does not produce. Every object type becomes a component under its C# name
/// and is referred to with $ref. Response objects are closed (additionalProperties: false) and
/// require every member the serializer always writes, so a response carrying more, less or other
/// than its type fails the contract tests; request objects stay open, as the handlers ignore
/// members they do not know.
/// </summary>
internal sealed class SchemaComponents
{
    public const string Prefix = "#/components/schemas/";

    private readonly SortedDictionary<string, JsonNode> _schemas = new(StringComparer.Ordinal);

    public JsonObject ToJson()
    {
        var all = new JsonObject();
        foreach (var (name, schema) in _schemas)
        {
            all[name] = schema.DeepClone();
        }
        return all;
    }

    public void Add(string name, JsonNode schema)
    {
        if (_schemas.TryGetValue(name, out var known))
        {
            if (!JsonNode.DeepEquals(known, schema))
            {
                throw new InvalidOperationException(
                    $"Two different schemas are named {name}: a request and a response type, or two types of that name.");
            }
            return;
        }
        _schemas[name] = schema;
    }

    /// <summary>The schema of a body: a $ref for an object type, else inline (its objects by $ref).</summary>
    public JsonNode For(JsonTypeInfo body, bool response)
    {
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(body, new JsonSchemaExporterOptions
        {
            // Nullable reference types are on everywhere: what is oblivious is a generic argument
            // (list items, dictionary values), and the API never writes null there.
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) => Transform(context.TypeInfo, context.Path.IsEmpty,
                response ? WrittenNumber(context, node) : node, response),
        });
        return body.Kind == JsonTypeInfoKind.Object ? File(body.Type, schema) : schema;
    }

    public static JsonObject Ref(string name) => new() { ["$ref"] = Prefix + name };

    private JsonNode Transform(JsonTypeInfo info, bool root, JsonNode node, bool response)
    {
        if (info.Kind != JsonTypeInfoKind.Object || node is not JsonObject schema)
        {
            return node;
        }
        if (response)
        {
            Close(info, schema);
        }
        if (root)
        {
            return schema;
        }
        // A nested object: filed as its own component; a nullable member refers to it or null.
        var nullable = schema["type"] is JsonArray types && types.Any(t => (string?)t == "null");
        if (nullable)
        {
            schema["type"] = "object";
        }
        var reference = File(info.Type, schema);
        return nullable ? new JsonObject { ["anyOf"] = new JsonArray(reference, new JsonObject { ["type"] = "null" }) } : reference;
    }

    private JsonObject File(Type type, JsonNode schema)
    {
        var name = type.Name;
        Add(name, schema);
        return Ref(name);
    }

    /// <summary>
    /// The web defaults read numbers from strings too (AllowReadingFromString), so the exporter
    /// offers "string or integer"; a response is written, and written numbers are always numbers.
    /// </summary>
    private static JsonNode WrittenNumber(JsonSchemaExporterContext context, JsonNode node)
    {
        var handling = context.PropertyInfo?.NumberHandling ?? context.TypeInfo.NumberHandling ?? context.TypeInfo.Options.NumberHandling;
        if (node is not JsonObject schema || schema["type"] is not JsonArray types || (handling & JsonNumberHandling.WriteAsString) != 0
            || !types.Any(t => (string?)t is "integer" or "number"))
        {
            return node;
        }
        var written = types.Select(t => (string?)t).Where(t => t != "string").ToList();
        schema["type"] = written.Count == 1 ? written[0] : new JsonArray([.. written.Select(t => JsonValue.Create(t))]);
        schema.Remove("pattern");
        return schema;
    }

    /// <summary>Every member the serializer always writes is required; no other member may appear.</summary>
    private static void Close(JsonTypeInfo info, JsonObject schema)
    {
        var required = new JsonArray();
        foreach (var property in info.Properties.Where(p => p.Get is not null && AlwaysWritten(info, p)))
        {
            required.Add(property.Name);
        }
        if (required.Count > 0)
        {
            schema["required"] = required;
        }
        schema["additionalProperties"] = false;
    }

    private static bool AlwaysWritten(JsonTypeInfo owner, JsonPropertyInfo property)
    {
        var ignore = property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
            .OfType<JsonIgnoreAttribute>().FirstOrDefault()?.Condition ?? owner.Options.DefaultIgnoreCondition;
        return ignore == JsonIgnoreCondition.Never;
    }
}
