using System.Globalization;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Features.Projects;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace InvestmentCrm.Web.Features.SavedViews;

/// <summary>
/// The lists a view can be saved of, and what of a list's query string a view keeps: the filters of the list's own
/// filter class and its sort, re-serialized in one order, so that two views of the same filters have the same text.
/// Paging and every other key are dropped; values a list does not know (a stage that does not exist, a sort
/// column it has no whitelist entry for) are dropped too, as the list itself would ignore them.
/// </summary>
public static class SavedViewLists
{
    public const string Projects = "projects";
    public const string Enterprises = "enterprises";

    public static readonly IReadOnlyList<string> All = [Projects, Enterprises];

    /// <summary>The longest name a view may have (the column holds 60).</summary>
    public const int MaxNameLength = 60;

    /// <summary>The longest normalized query a view may keep (the column holds 1,000).</summary>
    public const int MaxQueryLength = 1000;

    public static bool IsKnown(string? list) => list is Projects or Enterprises;

    /// <summary>The page of the list, for links by page name.</summary>
    public static string Page(string list) => list == Enterprises ? "/Enterprises/Index" : "/Projects/Index";

    /// <summary>The list's filters and sort in <paramref name="queryString"/> (with or without '?'), normalized,
    /// without '?'; "" when none is set.</summary>
    public static string Normalize(string list, string? queryString)
    {
        var query = QueryHelpers.ParseQuery(queryString);
        var pairs = list switch
        {
            Projects => ProjectPairs(query),
            Enterprises => EnterprisePairs(query),
            _ => throw new ArgumentOutOfRangeException(nameof(list), list, "Not a list that views are saved of."),
        };
        return QueryString.Create(pairs).ToUriComponent().TrimStart('?');
    }

    /// <summary>The link that applies a view: the list's page with the view's query.</summary>
    public static string Link(string listUrl, string query) => query.Length == 0 ? listUrl : listUrl + "?" + query;

    private static IEnumerable<KeyValuePair<string, string?>> ProjectPairs(Dictionary<string, StringValues> query)
    {
        var filter = new ProjectFilter
        {
            Q = Text(query, "q"),
            Stage = Choice(query, "stage", ProjectStages.All),
            Owner = Id(query, "owner"),
            Team = Id(query, "team"),
            Node = Text(query, "node"),
            Source = Choice(query, "source", ProjectStages.Sources),
            Size = Choice(query, "size", ProjectFilter.Sizes),
            Health = Choice(query, "health", ProjectFilter.Healths),
        };
        return filter.Query().Concat(Sort(query, ProjectFilter.SortColumns));
    }

    private static IEnumerable<KeyValuePair<string, string?>> EnterprisePairs(Dictionary<string, StringValues> query)
    {
        var filter = new EnterpriseFilter
        {
            Q = Text(query, "q"),
            Kind = Choice(query, "kind", EnterpriseImport.Kinds),
            Region = Text(query, "region"),
            Node = Text(query, "node"),
            Qualification = Choice(query, "qualification", EnterpriseImport.Qualifications),
        };
        return filter.Query().Concat(Sort(query, EnterpriseList.SortColumns));
    }

    /// <summary>The first value of a key, trimmed; null when absent or blank (model binding also takes the first).</summary>
    private static string? Text(Dictionary<string, StringValues> query, string key) =>
        query.TryGetValue(key, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;

    private static string? Choice(Dictionary<string, StringValues> query, string key, IReadOnlyList<string> known) =>
        Text(query, key) is { } value ? known.FirstOrDefault(k => string.Equals(k, value, StringComparison.OrdinalIgnoreCase)) : null;

    private static long? Id(Dictionary<string, StringValues> query, string key) =>
        long.TryParse(Text(query, key), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    private static IEnumerable<KeyValuePair<string, string?>> Sort(Dictionary<string, StringValues> query, IReadOnlyDictionary<string, string> columns)
    {
        var sort = Text(query, "sort");
        var key = sort?.TrimStart('-');
        if (key is not null && columns.ContainsKey(key))
        {
            yield return new("sort", sort!.StartsWith('-') ? "-" + key : key);
        }
    }
}
