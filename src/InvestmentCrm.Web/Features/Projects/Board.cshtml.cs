using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>
/// /projects/board: a column per stage with its count and its most recently changed cards. Dragging a card posts
/// the move here; the server applies the same stage rules, visibility and version check as the detail page.
/// </summary>
public sealed class BoardModel(IDb db, ProjectWriter writer, ProjectLookups lookups, IStringLocalizer<SharedResource> l, Features.Reports.Briefs.BriefRequests briefs) : PageModel
{
    public const int CardsPerColumn = 30;

    [BindProperty(SupportsGet = true)] public ProjectFilter Filter { get; set; } = new();

    public IReadOnlyDictionary<string, long> Counts { get; private set; } = new Dictionary<string, long>();
    public ILookup<string, Card> Cards { get; private set; } = Array.Empty<Card>().ToLookup(c => c.Stage);
    public IReadOnlyList<Option> Owners { get; private set; } = [];
    public IReadOnlyList<Option> Teams { get; private set; } = [];
    public ProjectScope Scope { get; private set; } = ProjectScope.Nobody;
    public DateOnly Today { get; private set; }
    public ProjectLookups Lookups => lookups;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Scope = ProjectScope.For(User);
        Today = lookups.Today;
        Filter.Stage = null;
        await Filter.ResolveNodeAsync(db, ct);
        var parameters = Filter.Parameters(Scope, lookups.Cutoffs(Today), new { Take = CardsPerColumn, Skip = 0 });
        Counts = (await db.QueryAsync<(string Stage, long Count)>(Sql.Counts, parameters, ct)).ToDictionary(c => c.Stage, c => c.Count);
        var cards = new List<Card>();
        foreach (var stage in ProjectStages.All.Where(s => Counts.ContainsKey(s)))
        {
            parameters.Add("ColumnStage", stage);
            cards.AddRange(await db.QueryAsync<Card>(Sql.Cards, parameters, ct));
        }

        Cards = cards.ToLookup(c => c.Stage);
        Owners = await lookups.OwnersAsync(ct);
        Teams = await lookups.TeamsAsync(ct);
    }

    /// <summary>POST from the board's script: moves one card. Answers JSON with the new version or a localized reason.</summary>
    public async Task<IActionResult> OnPostMoveAsync(string code, [FromForm] MoveForm move, CancellationToken ct)
    {
        var scope = ProjectScope.For(User);
        var project = await ProjectDetail.LoadAsync(db, code ?? "", scope, ct);
        if (project is null)
        {
            return Answer(StatusCodes.Status404NotFound, l["Error.NotFound"].Value);
        }

        if (!scope.CanEdit(project.OwnerUserId))
        {
            return Answer(StatusCodes.Status403Forbidden, l["Projects.Error.NotYours"].Value);
        }

        if (!ModelState.IsValid)
        {
            return Answer(StatusCodes.Status422UnprocessableEntity, string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)));
        }

        var requested = move.ToMove();
        var result = await writer.MoveAsync(project.Id, move.Version, requested, scope.UserId, ct);
        if (result.Outcome == SaveOutcome.Updated)
        {
            await briefs.OnStageChangedAsync(project.Code, requested.ToStage, scope.UserId, ct);
        }

        return result.Outcome switch
        {
            SaveOutcome.Updated => new JsonResult(new { ok = true, stage = requested.ToStage, version = project.Version + 1, stageName = l["Projects.Stage." + requested.ToStage].Value }),
            SaveOutcome.Conflict => Answer(StatusCodes.Status409Conflict, l["Projects.Error.BoardConflict"].Value),
            SaveOutcome.NotFound => Answer(StatusCodes.Status404NotFound, l["Error.NotFound"].Value),
            _ => Answer(StatusCodes.Status422UnprocessableEntity, string.Join(" ", (result.Problems ?? []).Select(p => l[p.Key, p.Args].Value))),
        };
    }

    private JsonResult Answer(int status, string message) => new(new { ok = false, message }) { StatusCode = status };

    public sealed class Card
    {
        public string Code { get; set; } = "";
        public string Title { get; set; } = "";
        public string EnterpriseName { get; set; } = "";
        public string Stage { get; set; } = "";
        public long OwnerUserId { get; set; }
        public string OwnerName { get; set; } = "";
        public decimal? PlannedInvestmentWan { get; set; }
        public DateOnly? SignedOn { get; set; }
        public DateOnly? LastActivityOn { get; set; }
        public DateTime CreatedAtUtc { get; set; }
        public int Version { get; set; }

        public HealthColor Health(ProjectLookups lookups) => lookups.Health(Stage, LastActivityOn, CreatedAtUtc, HasOverdueMatter);

        public bool HasOverdueMatter { get; set; }
    }

    internal static class Sql
    {
        public const string Counts = "SELECT p.Stage, COUNT(*) AS Count\nFROM Projects p" + ProjectFilter.Where + "\nGROUP BY p.Stage";

        public const string Cards = """
            SELECT p.Code, p.Title, e.Name AS EnterpriseName, p.Stage, p.OwnerUserId, u.DisplayName AS OwnerName, p.PlannedInvestmentWan,
                   p.SignedOn, p.LastActivityOn, p.CreatedAtUtc, p.Version,
            """ + ProjectHealth.OverdueMatterColumn + ProjectFilter.FromWithNames + "\nWHERE p.Stage = @ColumnStage AND " + ProjectFilter.Conditions
            + "\nORDER BY p.UpdatedAtUtc DESC, p.Id DESC " + SqlText.Paging;
    }
}
