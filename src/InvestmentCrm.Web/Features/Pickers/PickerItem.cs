namespace InvestmentCrm.Web.Features.Pickers;

/// <summary>One choice as a picker lists it (and as the JSON of <see cref="PickersApi"/> carries it): the value the
/// form or filter sends (a USCC, CHAIN:NODE or CHAIN), the key a form of ids sends, what the reader sees.</summary>
public sealed record PickerItem(string Value, long Id, string Label, string? Detail);

/// <summary>A page of choices; <paramref name="More"/> when another page follows.</summary>
public sealed record PickerPage(IReadOnlyList<PickerItem> Items, bool More);

/// <summary>The limits every picker search keeps, so that one keystroke costs the server one small indexed read.</summary>
public static class PickerLimits
{
    public const int PageSize = 20;

    /// <summary>Past 50 pages (1,000 choices) the reader should type more instead of scrolling.</summary>
    public const int MaxPage = 50;

    public const int MaxQueryLength = 100;

    public static (int Skip, int Take) Window(int page) => ((page - 1) * PageSize, PageSize + 1);

    public static PickerPage PageOf(IReadOnlyList<PickerItem> rows) =>
        new(rows.Take(PageSize).ToList(), rows.Count > PageSize);
}
