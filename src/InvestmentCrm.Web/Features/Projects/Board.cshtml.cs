using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
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

    /// <summary>
    /// The move panel above the board, for the card's "move to…" link without script (<c>?move=CODE</c>) and after a
    /// refused move posted from it: the stages, the reason and signing fields the dialog asks for, what was typed kept.
    /// </summary>
    public MovePanel? Panel { get; private set; }

    /// <summary>The board; with <paramref name="move"/> (the card's "move to…" link followed without script) also
    /// the move panel for that project, which the reader must be allowed to change.</summary>
    public async Task<IActionResult> OnGetAsync(string? move, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(move))
        {
            var scope = ProjectScope.For(User);
            var project = await ProjectDetail.LoadAsync(db, move, scope, ct);
            if (project is null)
            {
                return NotFound();
            }

            if (!scope.CanEdit(project.OwnerUserId))
            {
                return Forbid();
            }

            Panel = MovePanel.For(project, new MoveForm { Version = project.Version }, null);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
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

    /// <summary>
    /// POST of one card's move, from the script (drag and drop, or the card's "move to…" menu) or from the move
    /// panel without script. Both go through <see cref="TryMoveAsync"/>. The script asks for JSON: the new version
    /// or a localized reason. A plain form post (the browser asks for HTML) gets the board back: after a move,
    /// redirected to the card; after a refusal, with the reason and a form that asks what the dialog would ask.
    /// </summary>
    public async Task<IActionResult> OnPostMoveAsync(string code, [FromForm] MoveForm move, CancellationToken ct)
    {
        var scope = ProjectScope.For(User);
        var project = await ProjectDetail.LoadAsync(db, code ?? "", scope, ct);
        var (status, message) = await TryMoveAsync(project, scope, move, ct);
        if (!WantsPage(Request))
        {
            return status == StatusCodes.Status200OK
                ? new JsonResult(new { ok = true, stage = move.ToStage, version = project!.Version + 1, stageName = StageName(move.ToStage), message })
                : Answer(status, message);
        }

        if (project is null)
        {
            return NotFound();
        }

        if (status == StatusCodes.Status200OK)
        {
            TempData["Flash"] = message;
            return LocalRedirect(QueryHelpers.AddQueryString(Url.Page("/Projects/Board")!, Filter.Query()) + "#card-" + Uri.EscapeDataString(project.Code));
        }

        await LoadAsync(ct);
        move.Version = project.Version;
        Panel = MovePanel.For(project, move, message);
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>Form posts of a browser ask for text/html; the board's script and API callers do not.</summary>
    private static bool WantsPage(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>The one path of a board move: visibility, who may edit, the stage rules and the version check.</summary>
    private async Task<(int Status, string Message)> TryMoveAsync(ProjectDetail? project, ProjectScope scope, MoveForm move, CancellationToken ct)
    {
        if (project is null)
        {
            return (StatusCodes.Status404NotFound, l["Error.NotFound"].Value);
        }

        if (!scope.CanEdit(project.OwnerUserId))
        {
            return (StatusCodes.Status403Forbidden, l["Projects.Error.NotYours"].Value);
        }

        if (!ModelState.IsValid)
        {
            return (StatusCodes.Status422UnprocessableEntity, string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)));
        }

        var requested = move.ToMove();
        var result = await writer.MoveAsync(project.Id, move.Version, requested, scope.UserId, ct);
        if (result.Outcome == SaveOutcome.Updated)
        {
            await briefs.OnStageChangedAsync(project.Code, requested.ToStage, scope.UserId, ct);
        }

        return result.Outcome switch
        {
            SaveOutcome.Updated => (StatusCodes.Status200OK, l["Projects.Done.Moved", project.Code, StageName(requested.ToStage)].Value),
            SaveOutcome.Conflict => (StatusCodes.Status409Conflict, l["Projects.Error.BoardConflict"].Value),
            SaveOutcome.NotFound => (StatusCodes.Status404NotFound, l["Error.NotFound"].Value),
            _ => (StatusCodes.Status422UnprocessableEntity, string.Join(" ", (result.Problems ?? []).Select(p => l[p.Key, p.Args].Value))),
        };
    }

    private string StageName(string? stage) => l["Projects.Stage." + stage].Value;

    private JsonResult Answer(int status, string message) => new(new { ok = false, message }) { StatusCode = status };

    /// <summary>The project to move, the move as typed so far, and why the server refused it (null before a post).</summary>
    public sealed record MovePanel(string Code, string Title, string FromStage, bool Signed, MoveForm Move, string? Refusal)
    {
        public static MovePanel For(ProjectDetail project, MoveForm move, string? refusal) =>
            new(project.Code, project.Title, project.Stage, project.SignedOn is not null, move, refusal);

        /// <summary>The refused move goes back: the panel then asks to confirm it, as the dialog does.</summary>
        public bool Backward => StageRules.IsBackward(FromStage, Move.ToStage ?? "");
    }

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
