using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>/projects/{code}: the project, its target links, a timeline of stage changes and follow-ups, leaders'
/// comments, and (for whoever may edit it) the stage move and the follow-up forms.</summary>
public sealed class DetailsModel(IDb db, ProjectWriter writer, ProjectFollowUps followUps, ProjectLookups lookups, IStringLocalizer<SharedResource> l, Features.Reports.Briefs.BriefRequests briefs) : PageModel
{
    [BindProperty] public MoveForm Move { get; set; } = new();
    [BindProperty] public ActivityForm Activity { get; set; } = new();
    [BindProperty] public CommentForm Comment { get; set; } = new();

    public ProjectDetail Project { get; private set; } = new();
    public IReadOnlyList<NodeOption> Nodes { get; private set; } = [];
    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];
    public IReadOnlyList<CommentRow> Comments { get; private set; } = [];
    public IReadOnlyList<Matters.MatterRow> Matters { get; private set; } = [];
    public IReadOnlyList<string> Departments { get; private set; } = [];
    public IReadOnlyList<Funds.FundsRow> Funds { get; private set; } = [];
    public ProjectScope Scope { get; private set; } = ProjectScope.Nobody;
    public DateOnly Today { get; private set; }
    public HealthColor Health { get; private set; }
    public bool CanEdit => Scope.CanEdit(Project.OwnerUserId);

    /// <summary>The open next step due first (undated ones last): on a phone it is the first thing the page shows.</summary>
    public TimelineEntry? OpenNextStep => Timeline
        .Where(t => t.Type != "stage" && t.NextStep is not null && t.NextStepDoneAtUtc is null)
        .OrderBy(t => t.NextStepDueOn ?? DateOnly.MaxValue).FirstOrDefault();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        Move.Version = Project.Version;
        Activity.OccurredOn = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(string code, CancellationToken ct)
    {
        ModelState.KeepOnly("Move.");
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        if (ModelState.IsValid)
        {
            var move = Move.ToMove();
            var result = await writer.MoveAsync(Project.Id, Move.Version, move, Scope.UserId, ct);
            if (result.Succeeded)
            {
                await briefs.OnStageChangedAsync(Project.Code, move.ToStage, Scope.UserId, ct);
                TempData["Flash"] = l["Projects.Done.Moved", Project.Code, l["Projects.Stage." + move.ToStage].Value].Value;
                return RedirectToPage("/Projects/Details", new { code = Project.Code });
            }

            AddProblems(result);
            ModelState.Remove("Move.Version");
            Move.Version = Project.Version;
        }

        Activity.OccurredOn = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostActivityAsync(string code, CancellationToken ct)
    {
        ModelState.KeepOnly("Activity.");
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        if (!ProjectStages.ActivityKinds.Contains(Activity.Kind))
        {
            ModelState.AddModelError("Activity.Kind", l["Projects.Error.UnknownActivityKind", Activity.Kind]);
        }

        if (Activity.OccurredOn > Today)
        {
            ModelState.AddModelError("Activity.OccurredOn", l["Projects.Error.OccurredInFuture"]);
        }

        if (Activity.NextStepDueOn is not null && string.IsNullOrWhiteSpace(Activity.NextStep))
        {
            ModelState.AddModelError("Activity.NextStep", l["Projects.Error.NextStepRequired"]);
        }

        if (ModelState.IsValid)
        {
            await followUps.AddActivityAsync(Project.Id, new ActivityInput(Activity.Kind, Activity.OccurredOn!.Value,
                Activity.Participants, Activity.Summary, Activity.NextStep, Activity.NextStepDueOn), Scope.UserId, ct);
            TempData["Flash"] = l["Projects.Done.ActivityAdded"].Value;
            return RedirectToPage("/Projects/Details", null, new { code = Project.Code }, "timeline");
        }

        Move.Version = Project.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostCommentAsync(string code, CancellationToken ct)
    {
        ModelState.KeepOnly("Comment.");
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        if (!Scope.CanComment)
        {
            return Forbid();
        }

        if (ModelState.IsValid)
        {
            await followUps.AddCommentAsync(Project.Id, Comment.Body, Scope.UserId, ct);
            TempData["Flash"] = l["Projects.Done.Commented"].Value;
            return RedirectToPage("/Projects/Details", null, new { code = Project.Code }, "comments");
        }

        Move.Version = Project.Version;
        Activity.OccurredOn = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostDoneAsync(string code, long activityId, string? returnUrl, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        if (!CanEdit || await db.ExecuteScalarAsync<long?>(Sql.ActivityOf, new { Id = activityId, ProjectId = Project.Id }, ct) is null)
        {
            return NotFound();
        }

        await followUps.CompleteNextStepAsync(activityId, ct);
        TempData["Flash"] = l["Projects.Done.NextStepDone"].Value;
        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToPage("/Projects/Details", null, new { code = Project.Code }, "timeline");
    }

    private void AddProblems(WriteResult result)
    {
        if (result.Outcome == SaveOutcome.Conflict)
        {
            ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
            return;
        }

        foreach (var problem in result.Problems ?? [])
        {
            ModelState.AddModelError(problem.Field, l[problem.Key, problem.Args]);
        }
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        Scope = ProjectScope.For(User);
        Today = lookups.Today;
        var project = await ProjectDetail.LoadAsync(db, code, Scope, ct);
        if (project is null)
        {
            return false;
        }

        Project = project;
        Matters = await Features.Matters.MatterQueries.ForProjectAsync(db, project.Id, ct);
        Departments = Scope.CanManageMatters(project.OwnerUserId) ? await Features.Matters.MatterQueries.DepartmentsAsync(db, ct) : [];
        project.HasOverdueMatter = Matters.Any(m => m.IsOverdue(Today));
        Funds = await Features.Funds.FundsQueries.ForProjectAsync(db, project.Id, ct);
        Health = project.Health(lookups);
        Nodes = await ProjectDetail.NodesAsync(db, project.Id, ct);
        var changes = await db.QueryAsync<TimelineEntry>(Sql.StageChanges, new { ProjectId = project.Id }, ct);
        var activities = await db.QueryAsync<TimelineEntry>(Sql.Activities, new { ProjectId = project.Id }, ct);
        Timeline = [.. changes.Concat(activities).OrderByDescending(t => t.SortKey).ThenByDescending(t => t.AtUtc).ThenByDescending(t => t.Id)];
        Comments = await db.QueryAsync<CommentRow>(Sql.Comments, new { ProjectId = project.Id }, ct);
        return true;
    }

    /// <summary>A stage change (Kind = "stage") or a follow-up (Kind = its activity kind).</summary>
    public sealed class TimelineEntry
    {
        public long Id { get; set; }
        public string Type { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? FromStage { get; set; }
        public string? ToStage { get; set; }
        public DateOnly? OccurredOn { get; set; }
        public DateTime AtUtc { get; set; }
        public string? Who { get; set; }
        public string? Participants { get; set; }
        public string? Text { get; set; }
        public string? NextStep { get; set; }
        public DateOnly? NextStepDueOn { get; set; }
        public DateTime? NextStepDoneAtUtc { get; set; }

        public DateOnly SortKey => OccurredOn ?? DateOnly.FromDateTime(AtUtc);
    }

    public sealed class CommentRow
    {
        public long Id { get; set; }
        public string Body { get; set; } = "";
        public string? AuthorName { get; set; }
        public DateTime CreatedAtUtc { get; set; }
    }

    internal static class Sql
    {
        public const string StageChanges = """
            SELECT s.Id, 'stage' AS Type, 'stage' AS Kind, s.FromStage, s.ToStage, s.ChangedAtUtc AS AtUtc, u.DisplayName AS Who, s.Note AS Text
            FROM ProjectStageChanges s
            LEFT JOIN Users u ON u.Id = s.ChangedByUserId
            WHERE s.ProjectId = @ProjectId
            """;

        public const string Activities = """
            SELECT a.Id, 'activity' AS Type, a.Kind, a.OccurredOn, a.CreatedAtUtc AS AtUtc, u.DisplayName AS Who, a.Participants,
                   a.Summary AS Text, a.NextStep, a.NextStepDueOn, a.NextStepDoneAtUtc
            FROM Activities a
            LEFT JOIN Users u ON u.Id = a.CreatedByUserId
            WHERE a.ProjectId = @ProjectId
            """;

        public const string Comments = """
            SELECT c.Id, c.Body, u.DisplayName AS AuthorName, c.CreatedAtUtc
            FROM ProjectComments c
            LEFT JOIN Users u ON u.Id = c.AuthorUserId
            WHERE c.ProjectId = @ProjectId
            ORDER BY c.CreatedAtUtc DESC, c.Id DESC
            """;

        public const string ActivityOf = "SELECT Id FROM Activities WHERE Id = @Id AND ProjectId = @ProjectId";
    }
}
