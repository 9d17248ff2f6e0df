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
/// A picker of several chain nodes (Features/Shared/_PickNodes.cshtml): the chosen ones as ticked boxes named
/// <paramref name="Field"/> (their ids), and a field <paramref name="AddField"/> where CHAIN:NODE references are typed
/// (without script) or searched and picked (picker.js).
/// </summary>
public sealed record PickNodes(string Field, string AddField, string Label, IReadOnlyList<NodeOption> Chosen, string? AddValue);
