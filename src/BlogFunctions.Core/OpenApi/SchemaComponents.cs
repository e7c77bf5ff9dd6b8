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
            TransformSchemaNode = (context, node) => Transform(context.TypeInfo, context.Path.IsEmpty, node, response),
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
