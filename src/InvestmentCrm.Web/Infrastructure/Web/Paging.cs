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
