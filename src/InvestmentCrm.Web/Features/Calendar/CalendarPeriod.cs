using System.Globalization;

namespace InvestmentCrm.Web.Features.Calendar;

/// <summary>The two ways the calendar shows its days.</summary>
public static class CalendarViews
{
    public const string Month = "month";
    public const string Week = "week";
}

/// <summary>Whose entries the calendar shows, always within the reader's <c>ProjectScope</c>.</summary>
public static class CalendarCircles
{
    /// <summary>The projects I own.</summary>
    public const string Mine = "mine";

    /// <summary>Mine and those of my team.</summary>
    public const string Team = "team";

    /// <summary>Every project I may see.</summary>
    public const string All = "all";

    public static readonly IReadOnlyList<string> Each = [Mine, Team, All];
}

/// <summary>A query value the calendar could not use, and what it showed instead (a resource key and the value).</summary>
public sealed record CalendarProblem(string Key, string Value);

/// <summary>
/// The days one calendar page shows: a month (whole weeks around it, so the grid has no holes) or a week. Weeks begin on
/// Monday, as Chinese calendars and ISO 8601 have them. The anchor is kept within 2000–2099: the pages before and after
/// stay real dates, and nobody plans a next step outside them.
/// </summary>
public sealed record CalendarPeriod(string View, DateOnly Anchor)
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2099, 12, 31);

    public bool IsMonth => View == CalendarViews.Month;

    /// <summary>The first day of the month or week itself.</summary>
    public DateOnly First => IsMonth ? new DateOnly(Anchor.Year, Anchor.Month, 1) : MondayOf(Anchor);

    /// <summary>The last day of the month or week itself.</summary>
    public DateOnly Last => IsMonth ? First.AddMonths(1).AddDays(-1) : First.AddDays(6);

    /// <summary>The first day shown: the Monday of the first week.</summary>
    public DateOnly GridFirst => MondayOf(First);

    /// <summary>The last day shown: the Sunday of the last week.</summary>
    public DateOnly GridLast => MondayOf(Last).AddDays(6);

    public IEnumerable<DateOnly> Days
    {
        get
        {
            for (var day = GridFirst; day <= GridLast; day = day.AddDays(1))
            {
                yield return day;
            }
        }
    }

    public CalendarPeriod? Previous => Within(IsMonth ? First.AddMonths(-1) : First.AddDays(-7));

    public CalendarPeriod? Next => Within(IsMonth ? First.AddMonths(1) : First.AddDays(7));

    /// <summary>The same days shown the other way: the week of the anchor, or the month of the anchor.</summary>
    public CalendarPeriod As(string view) => new(view, Anchor);

    public bool InPeriod(DateOnly day) => day >= First && day <= Last;

    /// <summary>The query's date, as the URL carries it.</summary>
    public string AnchorText => Format(Anchor);

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>
    /// The period a query asks for. No view is a month and no date is today; a view or a date that cannot be used is
    /// replaced the same way, with a problem that says so, so the reader always gets a calendar.
    /// </summary>
    public static CalendarPeriod Parse(string? view, string? date, DateOnly today, List<CalendarProblem> problems)
    {
        var chosenView = view?.Trim().ToLowerInvariant() switch
        {
            null or "" or CalendarViews.Month => CalendarViews.Month,
            CalendarViews.Week => CalendarViews.Week,
            _ => Refused(problems, "Calendar.Problem.View", view, CalendarViews.Month),
        };

        var anchor = today;
        if (!string.IsNullOrWhiteSpace(date))
        {
            if (!DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                problems.Add(new CalendarProblem("Calendar.Problem.Date", Shorten(date)));
            }
            else if (parsed < Earliest || parsed > Latest)
            {
                problems.Add(new CalendarProblem("Calendar.Problem.DateRange", Shorten(date)));
            }
            else
            {
                anchor = parsed;
            }
        }

        return new CalendarPeriod(chosenView, anchor);
    }

    /// <summary>The circle a query asks for: none is <see cref="CalendarCircles.Mine"/>, and so is anything else, with a problem.</summary>
    public static string ParseCircle(string? who, List<CalendarProblem> problems)
    {
        var value = who?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(value))
        {
            return CalendarCircles.Mine;
        }

        return CalendarCircles.Each.Contains(value) ? value : Refused(problems, "Calendar.Problem.Who", who, CalendarCircles.Mine);
    }

    private static string Refused(List<CalendarProblem> problems, string key, string? value, string instead)
    {
        problems.Add(new CalendarProblem(key, Shorten(value)));
        return instead;
    }

    // A problem repeats what was typed; a URL of 8,000 characters is not echoed whole.
    private static string Shorten(string? value) => value is { Length: > 40 } ? value[..40] + "…" : value ?? "";

    private CalendarPeriod? Within(DateOnly anchor) => anchor < Earliest || anchor > Latest ? null : this with { Anchor = anchor };
}
