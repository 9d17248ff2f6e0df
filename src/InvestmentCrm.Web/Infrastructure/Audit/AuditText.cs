using System.Text.Json;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Infrastructure.Audit;

/// <summary>One line of an audit entry's changes: a field and its value, or its old and new value.</summary>
public sealed record AuditChangeLine(string Field, string? Old, string New, bool IsChange);

/// <summary>A record that an audit entry refers to by id (an owner, an enterprise, a chain node…).</summary>
public sealed record AuditReference(string Kind, string Id);

/// <summary>
/// The audit log in words: record types, actions and fields in the reader's language, and the stored changes
/// (JSON as <see cref="AuditLog"/> writes it: { field: value } or, for updates, { field: [old, new] }) as a list
/// of "field: old → new" with enumerations translated and ids named.
/// </summary>
public static class AuditText
{
    public const string EntityKey = "Audit.Entity.";
    public const string ActionKey = "Audit.Action.";
    public const string FieldKey = "Audit.Field.";

    public static class Kinds
    {
        public const string User = "user";
        public const string Team = "team";
        public const string Enterprise = "enterprise";
        public const string Park = "park";
        public const string Node = "node";
        public const string Chain = "chain";
    }

    /// <summary>Actions whose changes are { field: [old, new] }.</summary>
    private static readonly HashSet<string> DiffActions = new(StringComparer.Ordinal)
    {
        "update", "stage", "milestones", "calendar-feed-create", "calendar-feed-regenerate", "calendar-feed-revoke",
    };

    /// <summary>Fields whose two-element arrays are lists, not [old, new] (the chain's update).</summary>
    private static readonly HashSet<string> ListFields = new(StringComparer.Ordinal) { "Attachments", "Parks", "NodesAdded", "NodesRemoved", "NodesChanged" };

    /// <summary>Fields that hold ids of other records.</summary>
    private static readonly Dictionary<string, string> ReferenceFields = new(StringComparer.Ordinal)
    {
        ["OwnerUserId"] = Kinds.User,
        ["TeamId"] = Kinds.Team,
        ["EnterpriseId"] = Kinds.Enterprise,
        ["ParkId"] = Kinds.Park,
        ["Parks"] = Kinds.Park,
        ["Nodes"] = Kinds.Node,
        ["NodeIds"] = Kinds.Node,
        ["ChainIds"] = Kinds.Chain,
    };

    /// <summary>Fields whose values are codes with a UI string: the prefixes tried in order.</summary>
    private static readonly Dictionary<string, string[]> CodeFields = new(StringComparer.Ordinal)
    {
        ["Stage"] = ["Projects.Stage."],
        ["Source"] = ["Projects.Source.", People.SystemActorKey],
        ["Kind"] = ["Projects.Activity.", "Enterprises.Kind."],
        ["Priority"] = ["Projects.Priority."],
        ["Role"] = ["Role."],
        ["Culture"] = ["Reports.Culture."],
        ["Outcome"] = ["Audit.Outcome."],
        ["Qualifications"] = ["Enterprises.Qualification."],
        ["List"] = ["SavedViews.List."],
    };

    /// <summary>Where a record type's fields have their form labels ("Enterprises.Field.Uscc").</summary>
    private static readonly Dictionary<string, string> FormLabelPrefixes = new(StringComparer.Ordinal)
    {
        ["Project"] = "Projects.Field.",
        ["Enterprise"] = "Enterprises.Field.",
        ["Park"] = "Parks.Field.",
        ["Chain"] = "Chains.Field.",
        ["LandRecord"] = "Land.Field.",
        ["FundsEntry"] = "Funds.Field.",
        ["UserPreferences"] = "Email.Field.",
        ["SavedView"] = "SavedViews.Field.",
    };

    /// <summary>Fields whose form label has another name than the stored field.</summary>
    private static readonly Dictionary<string, string> FormLabels = new(StringComparer.Ordinal)
    {
        ["Project.EnterpriseId"] = "Projects.Field.Enterprise",
        ["Project.OwnerUserId"] = "Projects.Field.Owner",
        ["Project.PlannedInvestmentWan"] = "Projects.Field.PlannedInvestment",
        ["Project.ExpectedOutputWan"] = "Projects.Field.ExpectedOutput",
        ["Project.ExpectedTaxWan"] = "Projects.Field.ExpectedTax",
        ["Project.ContractedInvestmentWan"] = "Projects.Field.Contracted",
        ["Project.Kind"] = "Projects.Field.ActivityKind",
        ["Project.Body"] = "Projects.Field.Comment",
        ["Enterprise.ParkId"] = "Enterprises.Field.Park",
        ["Enterprise.NodeIds"] = "Projects.Field.Nodes",
        ["GapSettings.WeightDemand"] = "Gaps.Settings.WeightDemand",
        ["GapSettings.WeightSupply"] = "Gaps.Settings.WeightSupply",
        ["GapSettings.WeightKey"] = "Gaps.Settings.WeightKey",
        ["GapSettings.WeightStrategic"] = "Gaps.Settings.WeightStrategic",
        ["GapSettings.StrategicIndustryCodes"] = "Gaps.Settings.StrategicCodes",
        ["LandGradingSettings.WeightTax"] = "Land.Indicator.Tax",
        ["LandGradingSettings.WeightOutput"] = "Land.Indicator.Output",
        ["LandGradingSettings.WeightLabour"] = "Land.Indicator.Labour",
        ["LandGradingSettings.WeightRd"] = "Land.Indicator.Rd",
        ["LandGradingSettings.WeightEnergy"] = "Land.Indicator.Energy",
        ["LandGradingSettings.RatioCap"] = "Land.Settings.Cap",
        ["LandGradingSettings.ShareA"] = "Land.Grade.A",
        ["LandGradingSettings.ShareB"] = "Land.Grade.B",
        ["LandGradingSettings.ShareC"] = "Land.Grade.C",
        ["LandGradingSettings.ShareD"] = "Land.Grade.D",
        ["LandGradingSettings.FreeableIncludesC"] = "Land.Settings.IncludeC",
        ["LandRecord.Year"] = "Land.Year",
        ["LandRecord.OutputWan"] = "Land.Indicator.Output",
        ["LandRecord.TaxWan"] = "Land.Indicator.Tax",
        ["LandRecord.InvestmentWan"] = "Land.Indicator.Investment",
    };

    /// <summary>Fields with the same label whatever the record type.</summary>
    private static readonly Dictionary<string, string> SharedLabels = new(StringComparer.Ordinal)
    {
        ["Email"] = "Field.Email",
        // The project a child record (a matter, a funds entry) belongs to, by its code.
        ["Project"] = "Field.Project",
        ["DisplayName"] = "Field.DisplayName",
        ["Role"] = "Field.Role",
        ["Team"] = "Field.Team",
        ["TeamId"] = "Field.Team",
        ["Uscc"] = "Enterprises.Field.Uscc",
        ["Name"] = "Enterprises.Field.Name",
        ["Kind"] = "Enterprises.Field.Kind",
        ["Employees"] = "Enterprises.Field.Employees",
    };

    public static string Entity(IStringLocalizer l, string type) => Word(l, EntityKey + type, type);

    public static string Action(IStringLocalizer l, string action) => Word(l, ActionKey + action, action);

    /// <summary>A field's name: "Audit.Field.&lt;type&gt;.&lt;field&gt;", the feature's form label, a shared label,
    /// "Audit.Field.&lt;field&gt;", and at last the field itself.</summary>
    public static string Field(IStringLocalizer l, string entityType, string field)
    {
        if (l[FieldKey + entityType + "." + field] is { ResourceNotFound: false } own)
        {
            return own.Value;
        }

        if (FormLabels.TryGetValue(entityType + "." + field, out var key))
        {
            return l[key].Value;
        }

        if (FormLabelPrefixes.TryGetValue(entityType, out var prefix) && l[prefix + field] is { ResourceNotFound: false } label)
        {
            return label.Value;
        }

        if (SharedLabels.TryGetValue(field, out key))
        {
            return l[key].Value;
        }

        var dot = field.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && l[FieldKey + field[..dot]] is { ResourceNotFound: false })
        {
            // "Probability.site_visit": the family's text with the stage's name.
            return l[FieldKey + field[..dot], Word(l, "Projects.Stage." + field[(dot + 1)..], field[(dot + 1)..])].Value;
        }

        return Word(l, FieldKey + field, field);
    }

    /// <summary>The ids the changes refer to, so the page can read their names in one query per kind.</summary>
    public static IEnumerable<AuditReference> References(string? json)
    {
        using var document = Parse(json);
        if (document is null)
        {
            return [];
        }

        var found = new List<AuditReference>();
        Collect(document.RootElement, found);
        return found;
    }

    private static void Collect(JsonElement element, List<AuditReference> found)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (ReferenceFields.TryGetValue(property.Name, out var kind))
            {
                found.AddRange(Ids(property.Value).Select(id => new AuditReference(kind, id)));
            }
            else
            {
                Collect(property.Value, found);
            }
        }
    }

    private static IEnumerable<string> Ids(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().SelectMany(Ids),
        JsonValueKind.Number => [value.GetRawText()],
        JsonValueKind.String => (value.GetString() ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        _ => [],
    };

    /// <summary>
    /// The changes as lines. <paramref name="names"/> gives the name of a referenced record (null: show the id).
    /// Text that is not a JSON object is shown as it is, on one line.
    /// </summary>
    public static IReadOnlyList<AuditChangeLine> Changes(IStringLocalizer l, string entityType, string action, string? json,
        Func<AuditReference, string?> names)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        using var document = Parse(json);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return [new AuditChangeLine(l[FieldKey + "Value"].Value, null, json, false)];
        }

        var lines = new List<AuditChangeLine>();
        var context = new Context(l, entityType, DiffActions.Contains(action), names);
        AddLines(context, document.RootElement, lines);
        return lines;
    }

    private sealed record Context(IStringLocalizer L, string EntityType, bool IsDiff, Func<AuditReference, string?> Names);

    private static void AddLines(Context c, JsonElement element, List<AuditChangeLine> lines)
    {
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Object)
            {
                // Nested changes (a land record's "Changes", a chain's header): their fields, one line each.
                AddLines(c, value, lines);
                continue;
            }

            var field = Field(c.L, c.EntityType, property.Name);
            if (c.IsDiff && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 2 && !ListFields.Contains(property.Name))
            {
                lines.Add(new AuditChangeLine(field, Value(c, property.Name, value[0]), Value(c, property.Name, value[1]), true));
            }
            else
            {
                lines.Add(new AuditChangeLine(field, null, Value(c, property.Name, value), false));
            }
        }
    }

    private static string Value(Context c, string field, JsonElement value)
    {
        var l = c.L;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return Display.Empty;
            case JsonValueKind.True:
                return l["Common.Yes"].Value;
            case JsonValueKind.False:
                return l["Common.No"].Value;
            case JsonValueKind.Array:
                var items = value.EnumerateArray().Select(v => Value(c, field, v)).ToList();
                return items.Count == 0 ? Display.Empty : string.Join(l["Display.ListSeparator"].Value, items);
            case JsonValueKind.Object:
                return value.GetRawText();
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
        if (text.Length == 0)
        {
            return Display.Empty;
        }

        if (ReferenceFields.TryGetValue(field, out var kind))
        {
            var ids = Ids(value).ToList();
            return string.Join(l["Display.ListSeparator"].Value, ids.Select(id => c.Names(new AuditReference(kind, id)) ?? id));
        }

        if (CodeFields.TryGetValue(field, out var prefixes))
        {
            var codes = field == "Qualifications" ? text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [text];
            return string.Join(l["Display.ListSeparator"].Value, codes.Select(code =>
                prefixes.Select(p => l[p + code]).FirstOrDefault(s => !s.ResourceNotFound)?.Value ?? code));
        }

        return text;
    }

    private static string Word(IStringLocalizer l, string key, string fallback) =>
        l[key] is { ResourceNotFound: false } word ? word.Value : fallback;

    private static JsonDocument? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
