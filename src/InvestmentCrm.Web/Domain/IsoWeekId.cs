using System.Globalization;
using System.Text.RegularExpressions;

namespace InvestmentCrm.Web.Domain;

/// <summary>An ISO 8601 week written <c>YYYY-Www</c> (e.g. 2026-W48): Monday to Sunday, week 1 holds the first Thursday.</summary>
public readonly partial record struct IsoWeekId(int Year, int Week)
{
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    /// <summary>The day after Sunday: the week is [Monday, NextMonday).</summary>
    public DateOnly NextMonday => Monday.AddDays(7);

    public IsoWeekId Previous => Of(Monday.AddDays(-7));

    public static IsoWeekId Of(DateOnly day)
    {
        var dt = day.ToDateTime(TimeOnly.MinValue);
        return new IsoWeekId(ISOWeek.GetYear(dt), ISOWeek.GetWeekOfYear(dt));
    }

    /// <summary>Parses <c>YYYY-Www</c>; false for any other text or a week the year does not have (W53 of most years).</summary>
    public static bool TryParse(string? text, out IsoWeekId week)
    {
        week = default;
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is not { Success: true })
        {
            return false;
        }

        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        var number = int.Parse(match.Groups["w"].Value, CultureInfo.InvariantCulture);
        if (year is < 1 or > 9998 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        week = new IsoWeekId(year, number);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-W{Week:D2}");

    [GeneratedRegex(@"^(?<y>\d{4})-W(?<w>\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
