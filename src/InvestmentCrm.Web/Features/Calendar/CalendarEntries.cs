using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Calendar;

/// <summary>A next step on the calendar: due on a day, open or done, of a project.</summary>
public sealed class CalendarEntry
{
    public long ActivityId { get; set; }
    public DateOnly DueOn { get; set; }
    public string? NextStep { get; set; }
    public DateTime? DoneAtUtc { get; set; }
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public string? OwnerName { get; set; }

    public bool Done => DoneAtUtc is not null;
}

/// <summary>What a calendar shows: the entries of its days, and whether there were more than it may show.</summary>
public sealed record CalendarEntryList(IReadOnlyList<CalendarEntry> Entries, bool Truncated);

/// <summary>
/// The next steps of a span of days, open and done, for the calendar page and the iCalendar feed alike, always within
/// the reader's <see cref="ProjectScope"/> and then narrowed to a circle (<see cref="CalendarCircles"/>). Parked
/// projects (on hold, lost) are left out, as from /projects/mine and the notifications: their next steps are no
/// reminders. The work is bounded by the span and by <see cref="MaxEntries"/>.
/// </summary>
public sealed class CalendarEntries(IDb db)
{
    /// <summary>More entries than a page or a feed can usefully show; beyond it the reader is told to narrow the circle.</summary>
    public const int MaxEntries = 2000;

    public async Task<CalendarEntryList> ListAsync(ProjectScope scope, string circle, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var parameters = scope.AddTo(new { Circle = circle, From = from, To = to });
        parameters.Add("Skip", 0);
        parameters.Add("Take", MaxEntries + 1);
        var rows = await db.QueryAsync<CalendarEntry>(Sql.Entries, parameters, ct);
        return rows.Count > MaxEntries ? new CalendarEntryList(rows.Take(MaxEntries).ToList(), true) : new CalendarEntryList(rows, false);
    }

    internal static class Sql
    {
        // Mine: owned by the reader; team: owned by the reader or of their team; all: the scope alone.
        public const string Entries = """
            SELECT a.Id AS ActivityId, a.NextStepDueOn AS DueOn, a.NextStep, a.NextStepDoneAtUtc AS DoneAtUtc, p.Code, p.Title, u.DisplayName AS OwnerName
            FROM Projects p
            JOIN Activities a ON a.ProjectId = p.Id
            LEFT JOIN Users u ON u.Id = p.OwnerUserId
            WHERE a.NextStepDueOn >= @From AND a.NextStepDueOn <= @To
              AND (@Circle = 'all' OR p.OwnerUserId = @ScopeUserId OR (@Circle = 'team' AND @ScopeTeamId IS NOT NULL AND p.TeamId = @ScopeTeamId))
              AND p.Stage NOT IN
            """ + ProjectStages.ParkedList + "\n  AND " + ProjectScope.Filter + "\nORDER BY a.NextStepDueOn, p.Code, a.Id /**paging**/";
    }
}
