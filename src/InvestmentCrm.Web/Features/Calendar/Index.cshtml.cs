using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Calendar;

/// <summary>
/// /calendar: the next steps of a month or a week, open and done, on the day they are due in the bureau's time zone
/// (<c>App:TimeZone</c>; "today" from the injected clock). <c>?view=month|week&amp;date=YYYY-MM-DD&amp;who=mine|team|all</c>;
/// a value it cannot use is replaced by the default and named in a message, never an error page.
/// </summary>
public sealed class IndexModel(CalendarEntries entries, TimeProvider clock, IOptions<AppOptions> app) : PageModel
{
    public CalendarPeriod Period { get; private set; } = new(CalendarViews.Month, default);
    public string Circle { get; private set; } = CalendarCircles.Mine;
    public DateOnly Today { get; private set; }
    public IReadOnlyList<CalendarProblem> Problems { get; private set; } = [];
    public ILookup<DateOnly, CalendarEntry> ByDay { get; private set; } = Array.Empty<CalendarEntry>().ToLookup(e => e.DueOn);
    public bool Truncated { get; private set; }
    public bool HasTeam { get; private set; }

    public async Task OnGetAsync(string? view, string? date, string? who, CancellationToken ct)
    {
        Today = LocalTime.Today(clock, app.Value.FindTimeZone());
        var problems = new List<CalendarProblem>();
        Period = CalendarPeriod.Parse(view, date, Today, problems);
        Circle = CalendarPeriod.ParseCircle(who, problems);
        Problems = problems;
        HasTeam = User.TeamId() is not null;
        var list = await entries.ListAsync(ProjectScope.For(User), Circle, Period.GridFirst, Period.GridLast, ct);
        ByDay = list.Entries.ToLookup(e => e.DueOn);
        Truncated = list.Truncated;
    }

    /// <summary>The route values of this page with some replaced, for the view, navigation and circle links.</summary>
    public Dictionary<string, string> RouteFor(CalendarPeriod? period = null, string? circle = null) => new()
    {
        ["view"] = (period ?? Period).View,
        ["date"] = (period ?? Period).AnchorText,
        ["who"] = circle ?? Circle,
    };
}
