namespace InvestmentCrm.Web.Domain.Projects;

/// <summary>
/// A project's last activity, the day 三色预警 counts the silence from: the day of its latest follow-up, or, before
/// the first one, the day it was created — a day in the app's time zone, like every date a user sees (a project
/// created at 07:00 in Shanghai was created that day, not on the previous UTC date). The project writer stores the
/// creation day in <c>LastActivityOn</c> and moves it forward with each follow-up, so the fallback is for rows
/// written without it (bulk seeding, data loaded by hand). This is the one definition, in C# (<see cref="Of"/>) and
/// in SQL (the fragments below, over <c>Projects p</c>, with the parameters of <see cref="QuietCutoffs"/>).
/// </summary>
public static class LastActivity
{
    public static DateOnly Of(DateOnly? lastActivityOn, DateTime createdAtUtc, TimeZoneInfo zone) =>
        lastActivityOn ?? LocalTime.DayOf(createdAtUtc, zone);

    // A creation day on or before D is a creation time before D + 1 begins in the app's zone (@…EndUtc), so the
    // database compares stored UTC times and needs no time-zone arithmetic. Each fragment is true or false, never
    // NULL, so it may also be negated.

    /// <summary>Last activity on or before <c>@YellowOn</c>.</summary>
    public const string OnOrBeforeYellowOn =
        "(p.LastActivityOn <= @YellowOn OR (p.LastActivityOn IS NULL AND p.CreatedAtUtc < @YellowEndUtc))";

    /// <summary>Last activity on or before <c>@RedOn</c>.</summary>
    public const string OnOrBeforeRedOn =
        "(p.LastActivityOn <= @RedOn OR (p.LastActivityOn IS NULL AND p.CreatedAtUtc < @RedEndUtc))";

    /// <summary>Last activity after <c>@RedOn</c>.</summary>
    public const string AfterRedOn =
        "(p.LastActivityOn > @RedOn OR (p.LastActivityOn IS NULL AND p.CreatedAtUtc >= @RedEndUtc))";

    /// <summary>Longest silence first (a project never followed up by its creation), for ORDER BY.</summary>
    public const string QuietestFirst = "p.LastActivityOn, p.CreatedAtUtc, p.Id";
}

/// <summary>
/// The last-activity days at or before which an active project is yellow or red on a given day, as the SQL
/// parameters of <see cref="LastActivity"/> and <see cref="ProjectHealth"/>'s filters.
/// </summary>
public sealed record QuietCutoffs(DateOnly YellowOn, DateTime YellowEndUtc, DateOnly RedOn, DateTime RedEndUtc)
{
    public static QuietCutoffs On(DateOnly today, ProjectOptions options, TimeZoneInfo zone)
    {
        var yellow = today.AddDays(-options.YellowDays);
        var red = today.AddDays(-options.RedDays);
        return new QuietCutoffs(yellow, LocalTime.StartUtc(yellow.AddDays(1), zone), red, LocalTime.StartUtc(red.AddDays(1), zone));
    }
}
