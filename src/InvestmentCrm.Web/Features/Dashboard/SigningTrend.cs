using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Dashboard;

/// <summary>
/// The dashboard's year over time (签约进度): per month of one year, the signings (by signing date, as
/// <see cref="Signings"/> counts them) and their contracted investment in 万元, month by month and cumulative, against
/// the year's signed-investment target spread evenly over the twelve months (month m's cumulative target is
/// target × m / 12; the bureau sets yearly targets only, so an even spread is the honest reading of "on track").
/// <para>One series per scope as the dashboard's other figures see it (<see cref="ProjectScope"/>): who sees every
/// project gets the bureau total against the bureau's target and one series per team against the team's own target;
/// anyone else gets their own scope only (their team's and their own projects), against their team's target, and
/// never another team's figures.</para>
/// </summary>
public sealed record SigningTrend(int Year, int MonthsElapsed, IReadOnlyList<int> Years, IReadOnlyList<TrendSeries> Series)
{
    /// <summary>The first series: the bureau total, or the reader's own scope.</summary>
    public TrendSeries Total => Series[0];

    public static async Task<SigningTrend> LoadAsync(IDb db, ProjectScope scope, int year, DateOnly today, CancellationToken ct)
    {
        var parameters = scope.AddTo(new { Year = year });
        parameters.AddDynamicParams(SigningPeriod.Year(year));
        var days = await db.QueryAsync<DayRow>(Sql.ByTeamAndDay, parameters, ct);
        var span = await db.QuerySingleOrDefaultAsync<SpanRow>(Sql.SignedSpan, parameters, ct);
        var monthsElapsed = year < today.Year ? 12 : year == today.Year ? today.Month : 0;

        List<TrendSeries> series;
        if (scope.SeesAll)
        {
            var teams = await db.QueryAsync<TeamRow>(Sql.Teams, parameters, ct);
            series = [TrendSeries.Of("total", null, await SigningTargets.BureauAsync(db, year, ct), days, monthsElapsed)];
            series.AddRange(teams
                .Where(t => t.TargetWan is not null || days.Any(d => d.TeamId == t.TeamId))
                .Select(t => TrendSeries.Of("team-" + t.TeamId, t.TeamName, t.TargetWan, days.Where(d => d.TeamId == t.TeamId), monthsElapsed)));
            if (days.Any(d => d.TeamId is null))
            {
                series.Add(TrendSeries.Of("no-team", null, null, days.Where(d => d.TeamId is null), monthsElapsed));
            }
        }
        else
        {
            // The same target the signed-this-year tile measures this scope against.
            var target = scope.TeamId is { } team ? await SigningTargets.TeamAsync(db, year, team, ct) : await SigningTargets.BureauAsync(db, year, ct);
            var name = scope.TeamId is { } id ? await db.ExecuteScalarAsync<string?>(Sql.TeamName, new { TeamId = id }, ct) : null;
            series = [TrendSeries.Of("total", name, target, days, monthsElapsed)];
        }

        return new SigningTrend(year, monthsElapsed, YearsOffered(span, today.Year, year), series);
    }

    /// <summary>From the first year with a signing in the scope up to the later of the last one and the current
    /// year, newest first, within the years a target may be set for.</summary>
    private static IReadOnlyList<int> YearsOffered(SpanRow? span, int current, int shown)
    {
        var first = Math.Max(TargetsModel.FirstYear, Math.Min(span?.FirstSigned?.Year ?? current, Math.Min(current, shown)));
        var last = Math.Min(TargetsModel.LastYear, Math.Max(span?.LastSigned?.Year ?? current, Math.Max(current, shown)));
        return [.. Enumerable.Range(first, last - first + 1).Reverse()];
    }

    internal sealed class DayRow
    {
        public long? TeamId { get; set; }
        public DateOnly SignedOn { get; set; }
        public long Signings { get; set; }
        public decimal? SignedWan { get; set; }
    }

    private sealed class SpanRow
    {
        public DateOnly? FirstSigned { get; set; }
        public DateOnly? LastSigned { get; set; }
    }

    private sealed class TeamRow
    {
        public long TeamId { get; set; }
        public string TeamName { get; set; } = "";
        public decimal? TargetWan { get; set; }
    }

    internal static class Sql
    {
        // Per team and day rather than per month: months are a dialect matter, days are not, and a year has few.
        public const string ByTeamAndDay =
            "SELECT p.TeamId, p.SignedOn, COUNT(*) AS Signings, SUM(" + Signings.InvestmentWan + ") AS SignedWan\n" +
            "FROM Projects p\nWHERE " + Signings.InPeriod + " AND " + ProjectScope.Filter + "\nGROUP BY p.TeamId, p.SignedOn";

        public const string SignedSpan =
            "SELECT MIN(p.SignedOn) AS FirstSigned, MAX(p.SignedOn) AS LastSigned\nFROM Projects p\nWHERE p.SignedOn IS NOT NULL AND " + ProjectScope.Filter;

        public const string Teams = """
            SELECT t.Id AS TeamId, t.Name AS TeamName, tt.TargetWan
            FROM Teams t
            LEFT JOIN TeamTargets tt ON tt.TeamId = t.Id AND tt.Year = @Year
            ORDER BY t.Name
            """;

        public const string TeamName = "SELECT Name FROM Teams WHERE Id = @TeamId";
    }
}

/// <summary>One line of the chart and one table: a team, the bureau total or the reader's scope; <see cref="Name"/>
/// is null for the total of who sees all and for signings of projects without a team (the page names them).</summary>
public sealed record TrendSeries(string Key, string? Name, decimal? TargetWan, IReadOnlyList<TrendMonth> Months)
{
    public long Signings => Months.Sum(m => m.Signings);

    public decimal SignedWan => Months.Sum(m => m.SignedWan);

    /// <summary>Share of the year's target signed, in whole per cent (null without a target).</summary>
    public int? Percent => TargetWan is > 0 ? (int)Math.Round(SignedWan * 100 / TargetWan.Value, MidpointRounding.AwayFromZero) : null;

    internal static TrendSeries Of(string key, string? name, decimal? targetWan, IEnumerable<SigningTrend.DayRow> days, int monthsElapsed)
    {
        var byMonth = days.GroupBy(d => d.SignedOn.Month).ToDictionary(g => g.Key, g => (Count: g.Sum(d => d.Signings), Wan: g.Sum(d => d.SignedWan ?? 0)));
        var months = new List<TrendMonth>(12);
        long count = 0;
        decimal wan = 0;
        for (var month = 1; month <= 12; month++)
        {
            var (monthCount, monthWan) = byMonth.GetValueOrDefault(month);
            count += monthCount;
            wan += monthWan;
            var target = targetWan is { } t ? Math.Round(t * month / 12, 2, MidpointRounding.AwayFromZero) : (decimal?)null;
            months.Add(new TrendMonth(month, month <= monthsElapsed || monthCount > 0, monthCount, monthWan, count, wan, target));
        }

        return new TrendSeries(key, name, targetWan, months);
    }
}

/// <summary>One month of a series: its signings and 万元, the cumulative figures up to its end, and the evenly spread
/// cumulative target; <see cref="Elapsed"/> is false for a month still to come (nothing to show yet).</summary>
public sealed record TrendMonth(int Month, bool Elapsed, long Signings, decimal SignedWan, long CumulativeSignings, decimal CumulativeWan, decimal? CumulativeTargetWan);
