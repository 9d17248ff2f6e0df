namespace InvestmentCrm.Web.Infrastructure.Web;

/// <summary>A page of a list: 1-based page number, clamped size; feeds @Skip and @Take of <c>/**paging**/</c>.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total)
{
    public int PageCount => Total == 0 ? 1 : (int)((Total + PageSize - 1) / PageSize);

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < PageCount;
}

public static class Paging
{
    /// <summary>The query key of the page number: "page" is taken by Razor Pages' own routing.</summary>
    public const string QueryKey = "p";

    public const int DefaultSize = 25;
    public const int MaxSize = 200;

    /// <summary>This request's page with <paramref name="key"/> set to <paramref name="value"/>: its other query
    /// values (a list's filters) kept, <paramref name="key"/> and <paramref name="drop"/> (the page number, when the
    /// order changes) replaced. The pager's, the sort headers' and the language switch's links.</summary>
    public static string LinkWith(HttpRequest request, string key, string value, string? drop = null)
    {
        var query = request.Query
            .Where(q => q.Key != key && q.Key != drop)
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>(key, value));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString((request.PathBase + request.Path).ToString(), query);
    }

    public static (int Page, int Size, int Skip) Normalize(int? page, int? size)
    {
        var s = Math.Clamp(size ?? DefaultSize, 1, MaxSize);
        var p = Math.Max(1, page ?? 1);
        return (p, s, (p - 1) * s);
    }

    /// <summary>
    /// The ORDER BY for a user's sort choice, from a whitelist (never the user's text). A leading '-' means
    /// descending; an unknown key falls back to the first entry.
    /// </summary>
    public static (string Key, bool Descending, string OrderBy) Sort(string? requested, IReadOnlyDictionary<string, string> columns, string tieBreaker)
    {
        var descending = requested?.StartsWith('-') == true;
        var key = requested?.TrimStart('-');
        if (key is null || !columns.TryGetValue(key, out var expression))
        {
            (key, expression) = columns.First();
            descending = false;
        }

        return (key, descending, $"{expression} {(descending ? "DESC" : "ASC")}, {tieBreaker}");
    }
}
