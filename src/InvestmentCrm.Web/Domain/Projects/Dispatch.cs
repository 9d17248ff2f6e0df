using System.Globalization;

namespace InvestmentCrm.Web.Domain.Projects;

/// <summary>
/// A month of the monthly dispatch report (月度调度报告, 一月一调度), written <c>yyyy-MM</c>. The report covers the month
/// and the year to date: from 1 January of the month's year up to the end of the month.
/// </summary>
public sealed record DispatchMonth(int Year, int Month)
{
    /// <summary>The first year a report may be asked for: before it no bureau used the product (and no typo costs a scan).</summary>
    public const int FirstYear = 2000;

    public DateOnly First => new(Year, Month, 1);

    /// <summary>The first day after the month.</summary>
    public DateOnly NextFirst => First.AddMonths(1);

    public DispatchPeriod MonthPeriod => new(First, NextFirst);

    public DispatchPeriod YearToDate => new(new DateOnly(Year, 1, 1), NextFirst);

    /// <summary>The month before the one holding <paramref name="today"/>: what the report is about by default and what
    /// the job of the 1st prints.</summary>
    public static DispatchMonth Before(DateOnly today)
    {
        var previous = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        return new DispatchMonth(previous.Year, previous.Month);
    }

    /// <summary>Reads <c>yyyy-MM</c>; false for anything else, a year before <see cref="FirstYear"/>, or a month that has
    /// not begun on <paramref name="today"/> (nothing can have happened in it yet).</summary>
    public static bool TryParse(string? text, DateOnly today, out DispatchMonth month)
    {
        month = Before(today);
        if (text is null || text.Length != 7
            || !DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            || first.Year < FirstYear || first > today)
        {
            return false;
        }

        month = new DispatchMonth(first.Year, first.Month);
        return true;
    }

    public override string ToString() => First.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

/// <summary>The days [<see cref="From"/>, <see cref="Before"/>) a figure of the dispatch report counts.</summary>
public sealed record DispatchPeriod(DateOnly From, DateOnly Before)
{
    public bool Contains(DateOnly? day) => day >= From && day < Before;
}

/// <summary>What happened in a period, per team or for the bureau: each counted by the date it happened on.</summary>
public sealed record DispatchCounts(long Leads, long Signed, decimal SignedWan, long Started, long InProduction, decimal FundsWan)
{
    public static readonly DispatchCounts Zero = new(0, 0, 0m, 0, 0, 0m);

    public DispatchCounts Plus(DispatchCounts other) => new(
        Leads + other.Leads, Signed + other.Signed, SignedWan + other.SignedWan, Started + other.Started,
        InProduction + other.InProduction, FundsWan + other.FundsWan);
}

/// <summary>The three conversion rates in percent, one decimal; null where the denominator is zero (shown as "—").</summary>
public sealed record ConversionRates(decimal? Signing, decimal? Starting, decimal? Production);

/// <summary>
/// The rules of the dispatch report, once. <b>The period rule</b>: every figure counts events by the day they happened
/// in the app's time zone — a new lead by the day the project was registered, a signing by its signing date
/// (<see cref="Signings"/>), started and in production by their milestone dates (<see cref="Milestones"/>, kept once),
/// funds by the day they arrived — whatever the project's stage is now. <b>The rates</b> divide the period's events:
/// 签约率 = signings ÷ new leads, 开工率 = started ÷ signings, 投产率 = in production ÷ started, so they compare the
/// flow of one stage with the flow of the one before it in the same period (the projects need not be the same ones,
/// and a rate may pass 100 %). <b>Targets</b> are yearly (signed investment and funds in place, per team and for the
/// bureau): the year to date is set against them; a month has no target of its own.
/// </summary>
public static class DispatchRules
{
    /// <summary><paramref name="part"/> ÷ <paramref name="whole"/> in percent, rounded half away from zero to one
    /// decimal; null when <paramref name="whole"/> is 0 (no rate, not 0 % and not infinity).</summary>
    public static decimal? Rate(long part, long whole) =>
        whole == 0 ? null : Math.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero);

    public static ConversionRates Rates(DispatchCounts counts) => new(
        Rate(counts.Signed, counts.Leads),
        Rate(counts.Started, counts.Signed),
        Rate(counts.InProduction, counts.Started));

    /// <summary>How far the year to date has come towards a yearly target, in percent (one decimal); null without a
    /// target (none set, or 0).</summary>
    public static decimal? Progress(decimal yearToDate, decimal? target) =>
        target is > 0 ? Math.Round(yearToDate * 100m / target.Value, 1, MidpointRounding.AwayFromZero) : null;

    // The same period rule in SQL, over Projects p and FundsInPlace f, with a DispatchPeriod's parameters (see
    // DispatchParameters): days compare with @From/@Before, registration times (UTC) with the period's bounds in UTC.

    /// <summary>Registered in the period (a new lead).</summary>
    public const string RegisteredIn = "(p.CreatedAtUtc >= @FromUtc AND p.CreatedAtUtc < @BeforeUtc)";

    /// <summary>Started in the period (the first move to started or later).</summary>
    public const string StartedIn = "(p.StartedOn >= @From AND p.StartedOn < @Before)";

    /// <summary>In production in the period (the first move to in production).</summary>
    public const string InProductionIn = "(p.InProductionOn >= @From AND p.InProductionOn < @Before)";

    /// <summary>Funds that arrived in the period.</summary>
    public const string ReceivedIn = "(f.ReceivedOn >= @From AND f.ReceivedOn < @Before)";

    /// <summary>The SQL parameters of a period: its days, the same days in UTC, and the signing period
    /// (<see cref="Signings.InPeriod"/>) over the same days.</summary>
    public static object Parameters(DispatchPeriod period, TimeZoneInfo zone) => new
    {
        period.From,
        period.Before,
        FromUtc = LocalTime.StartUtc(period.From, zone),
        BeforeUtc = LocalTime.StartUtc(period.Before, zone),
        SignedFrom = period.From,
        SignedBefore = period.Before,
    };
}
