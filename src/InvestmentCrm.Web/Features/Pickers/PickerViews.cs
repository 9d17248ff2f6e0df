using InvestmentCrm.Web.Features.Enterprises;

namespace InvestmentCrm.Web.Features.Pickers;

/// <summary>
/// A picker of one value (Features/Shared/_PickOne.cshtml): a text field that works without script — the reader types
/// the value itself (a USCC, CHAIN:NODE) — and that picker.js turns into a search-as-you-type box showing
/// <paramref name="CurrentLabel"/>, the chosen value's name.
/// </summary>
public sealed record PickOne(string Id, string Name, string Label, string Url, string? Value, string? CurrentLabel, string Help,
    bool Required = false, bool Small = false);

/// <summary>
/// A picker of several values (Features/Shared/_PickMany.cshtml): the chosen ones as ticked boxes named
/// <paramref name="Field"/> (their ids), and a field <paramref name="AddField"/> where more are typed (without script)
/// or searched and picked from <paramref name="Url"/> (picker.js).
/// </summary>
public sealed record PickMany(string Field, string AddField, string Label, string Url, IReadOnlyList<PickerItem> Chosen, string? AddValue,
    string AddLabelKey, string AddHelpKey, string TestId)
{
    /// <summary>Chain nodes, added as CHAIN:NODE references.</summary>
    public static PickMany Nodes(string field, string addField, string label, IReadOnlyList<NodeOption> chosen, string? addValue) =>
        new(field, addField, label, PickersApi.NodesPath, [.. chosen.Select(NodeChoices.Item)], addValue, "Pickers.AddNodes", "Pickers.AddNodesHelp", "node-choices");

    /// <summary>Enterprises, added as USCCs or full names.</summary>
    public static PickMany Enterprises(string field, string addField, string label, IReadOnlyList<PickerItem> chosen, string? addValue) =>
        new(field, addField, label, PickersApi.EnterprisesPath, chosen, addValue, "Pickers.AddEnterprises", "Pickers.AddEnterprisesHelp", "enterprise-choices");
}
