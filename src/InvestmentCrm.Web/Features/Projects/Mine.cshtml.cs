using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>/projects/mine: the signed-in user's open follow-ups (overdue first, then those due soon) and their
/// projects that have gone quiet (三色预警).</summary>
public sealed class MineModel(IDb db, ProjectLookups lookups) : PageModel
{
    public IReadOnlyList<TaskRow> Overdue { get; private set; } = [];
    public IReadOnlyList<TaskRow> Upcoming { get; private set; } = [];
    public IReadOnlyList<QuietRow> Quiet { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public ProjectLookups Lookups => lookups;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = ProjectScope.For(User);
        Today = lookups.Today;
        var parameters = new { UserId = scope.UserId, Today, Until = Today.AddDays(lookups.Options.UpcomingDays) };
        Overdue = await db.QueryAsync<TaskRow>(Sql.Overdue, parameters, ct);
        Upcoming = await db.QueryAsync<TaskRow>(Sql.Upcoming, parameters, ct);
        var quiet = new Dapper.DynamicParameters(lookups.Cutoffs(Today));
        quiet.Add("UserId", scope.UserId);
        Quiet = await db.QueryAsync<QuietRow>(Sql.Quiet, quiet, ct);
    }

    public sealed class TaskRow
    {
        public long ActivityId { get; set; }
        public string Code { get; set; } = "";
        public string Title { get; set; } = "";
        public string NextStep { get; set; } = "";
        public DateOnly NextStepDueOn { get; set; }
    }

    public sealed class QuietRow
    {
        public string Code { get; set; } = "";
        public string Title { get; set; } = "";
        public string Stage { get; set; } = "";
        public DateOnly? LastActivityOn { get; set; }
        public DateTime CreatedAtUtc { get; set; }
        public bool HasOverdueMatter { get; set; }
    }

    internal static class Sql
    {
        private const string Open = MyNextSteps.FromWhere;

        private const string Columns = "SELECT a.Id AS ActivityId, p.Code, p.Title, a.NextStep, a.NextStepDueOn";

        public const string Overdue = Columns + Open + "\n  AND a.NextStepDueOn < @Today\nORDER BY a.NextStepDueOn, a.Id";

        public const string Upcoming = Columns + Open + "\n  AND a.NextStepDueOn >= @Today AND a.NextStepDueOn <= @Until\nORDER BY a.NextStepDueOn, a.Id";

        public const string Quiet =
            "SELECT p.Code, p.Title, p.Stage, p.LastActivityOn, p.CreatedAtUtc, " + ProjectHealth.OverdueMatterColumn + "\nFROM Projects p\n" +
            "WHERE p.OwnerUserId = @UserId AND " + ProjectHealth.QuietFilter + "\nORDER BY " + LastActivity.QuietestFirst;
    }
}

/// <summary>The open next steps of the projects a user owns (<c>@UserId</c>), parked projects left out: one rule for
/// /projects/mine and the notifications menu (Features/Notifications). A FROM … WHERE fragment over <c>Activities a</c>
/// and <c>Projects p</c>, to which a statement adds its own conditions.</summary>
public static class MyNextSteps
{
    public const string FromWhere = """

        FROM Activities a
        JOIN Projects p ON p.Id = a.ProjectId
        WHERE p.OwnerUserId = @UserId AND a.NextStepDueOn IS NOT NULL AND a.NextStepDoneAtUtc IS NULL
          AND p.Stage NOT IN
        """ + ProjectStages.ParkedList;
}
