using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace InvestmentCrm.Web.Domain.Chains;

/// <summary>The outcome of <see cref="ChainMapJson.Parse"/>: a map when the file could be read in full, otherwise
/// every problem found (and no map, so nothing half-read is ever saved).</summary>
public sealed record ChainMapParse(ChainMap? Map, IReadOnlyList<FieldProblem> Problems);

/// <summary>
/// Reads and writes the chain-map JSON of the design (UI upload, CLI import, seed files). Reading checks the
/// shape only — JSON syntax, field names and types — and collects every problem instead of stopping at the
/// first; the rules of a chain are <see cref="ChainMapValidator"/>'s. Text values are trimmed on the way in and
/// empty optional values become null, so spaces pasted from a spreadsheet do not become part of a code.
/// </summary>
public static class ChainMapJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string[] ChainFields = ["code", "name", "nameEn", "description", "nodes", "edges"];
    private static readonly string[] NodeFields = ["code", "name", "nameEn", "segment", "parent", "industryCodes", "key", "description"];
    private static readonly string[] EdgeFields = ["from", "to", "weight"];

    public static ChainMapParse Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            // System.Text.Json counts lines and bytes from 0; people count from 1.
            var problem = new FieldProblem("$", ChainProblemKeys.InvalidJson, (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1);
            return new ChainMapParse(null, [problem]);
        }

        using (document)
        {
            var reader = new Reader();
            var map = reader.ReadChain(document.RootElement);
            return reader.Problems.Count == 0 ? new ChainMapParse(map, []) : new ChainMapParse(null, reader.Problems);
        }
    }

    /// <summary>The map as indented JSON with Chinese unescaped; null, false and empty optional fields are left out.</summary>
    public static string Write(ChainMap map)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("code", map.Code);
            w.WriteString("name", map.Name);
            WriteOptional(w, "nameEn", map.NameEn);
            WriteOptional(w, "description", map.Description);
            w.WriteStartArray("nodes");
            foreach (var node in map.Nodes)
            {
                w.WriteStartObject();
                w.WriteString("code", node.Code);
                w.WriteString("name", node.Name);
                WriteOptional(w, "nameEn", node.NameEn);
                w.WriteString("segment", node.Segment);
                WriteOptional(w, "parent", node.Parent);
                if (node.IndustryCodes.Count > 0)
                {
                    w.WriteStartArray("industryCodes");
                    foreach (var code in node.IndustryCodes) w.WriteStringValue(code);
                    w.WriteEndArray();
                }
                if (node.Key) w.WriteBoolean("key", true);
                WriteOptional(w, "description", node.Description);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("edges");
            foreach (var edge in map.Edges)
            {
                w.WriteStartObject();
                w.WriteString("from", edge.From);
                w.WriteString("to", edge.To);
                if (edge.Weight is { } weight) w.WriteNumber("weight", weight);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }

    /// <summary>Walks the document once, reading what it can and noting every problem with its JSON path.</summary>
    private sealed class Reader
    {
        public List<FieldProblem> Problems { get; } = [];

        public ChainMap? ReadChain(JsonElement root)
        {
            if (!ExpectObject(root, "$", ChainFields)) return null;
            return new ChainMap(
                RequiredString(root, "code", ""),
                RequiredString(root, "name", ""),
                OptionalString(root, "nameEn", ""),
                OptionalString(root, "description", ""),
                ReadArray(root, "nodes", "", ReadNode),
                ReadArray(root, "edges", "", ReadEdge));
        }

        private ChainNodeSpec? ReadNode(JsonElement e, string path)
        {
            if (!ExpectObject(e, path, NodeFields)) return null;
            return new ChainNodeSpec(
                RequiredString(e, "code", path),
                RequiredString(e, "name", path),
                OptionalString(e, "nameEn", path),
                RequiredString(e, "segment", path),
                OptionalString(e, "parent", path),
                ReadArray(e, "industryCodes", path, ReadIndustryCode),
                OptionalBoolean(e, "key", path),
                OptionalString(e, "description", path));
        }

        private string? ReadIndustryCode(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.String) return e.GetString()!.Trim();
            Problems.Add(new FieldProblem(path, ChainProblemKeys.ExpectedString));
            return null;
        }

        private ChainEdgeSpec? ReadEdge(JsonElement e, string path)
        {
            if (!ExpectObject(e, path, EdgeFields)) return null;
            return new ChainEdgeSpec(RequiredString(e, "from", path), RequiredString(e, "to", path), OptionalDecimal(e, "weight", path));
        }

        private bool ExpectObject(JsonElement e, string path, string[] knownFields)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                Problems.Add(new FieldProblem(path, ChainProblemKeys.ExpectedObject));
                return false;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in e.EnumerateObject())
            {
                if (!knownFields.Contains(property.Name, StringComparer.Ordinal))
                    Problems.Add(new FieldProblem(path, ChainProblemKeys.UnknownProperty, property.Name));
                else if (!seen.Add(property.Name))
                    Problems.Add(new FieldProblem(path, ChainProblemKeys.DuplicateProperty, property.Name));
            }
            return true;
        }

        private IReadOnlyList<T> ReadArray<T>(JsonElement parent, string name, string path, Func<JsonElement, string, T?> readItem)
            where T : class
        {
            if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return [];
            if (e.ValueKind != JsonValueKind.Array)
            {
                Problems.Add(new FieldProblem(Child(path, name), ChainProblemKeys.ExpectedArray));
                return [];
            }
            var items = new List<T>();
            var index = 0;
            foreach (var item in e.EnumerateArray())
            {
                if (readItem(item, $"{Child(path, name)}[{index}]") is { } value) items.Add(value);
                index++;
            }
            return items;
        }

        /// <summary>A missing or null required text reads as "", which the validator reports as missing.</summary>
        private string RequiredString(JsonElement parent, string name, string path) =>
            ReadString(parent, name, path) ?? "";

        private string? OptionalString(JsonElement parent, string name, string path) =>
            ReadString(parent, name, path) is { Length: > 0 } value ? value : null;

        private string? ReadString(JsonElement parent, string name, string path)
        {
            if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
            if (e.ValueKind == JsonValueKind.String) return e.GetString()!.Trim();
            Problems.Add(new FieldProblem(Child(path, name), ChainProblemKeys.ExpectedString));
            return null;
        }

        private bool OptionalBoolean(JsonElement parent, string name, string path)
        {
            if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return false;
            if (e.ValueKind is JsonValueKind.True or JsonValueKind.False) return e.GetBoolean();
            Problems.Add(new FieldProblem(Child(path, name), ChainProblemKeys.ExpectedBoolean));
            return false;
        }

        private decimal? OptionalDecimal(JsonElement parent, string name, string path)
        {
            if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
            if (e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out var value)) return value;
            Problems.Add(new FieldProblem(Child(path, name), ChainProblemKeys.ExpectedNumber));
            return null;
        }

        // Paths as people read them: "code", "nodes[3].key", "edges[0].weight"; the root itself is "$".
        private static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
    }
}
