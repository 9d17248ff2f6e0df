using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>/projects: the projects the user may see, searchable, filterable, sortable, paged, exportable.</summary>
public sealed class IndexModel(IDb db, ProjectLookups lookups) : PageModel
{
    [BindProperty(SupportsGet = true)] public ProjectFilter Filter { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = Paging.QueryKey)] public int? PageNumber { get; set; }

    public PageOf<ProjectRow> Result { get; private set; } = new([], 1, Paging.DefaultSize, 0);
    public string CurrentSort { get; private set; } = ProjectFilter.DefaultSort;
    public IReadOnlyList<Option> Owners { get; private set; } = [];
    public IReadOnlyList<Option> Teams { get; private set; } = [];
    public ProjectScope Scope { get; private set; } = ProjectScope.Nobody;

    /// <summary>Whom the reader may give the ticked projects (Leaders, Admins); null for Staff, who see no such control.</summary>
    public IReadOnlyList<Option>? ReassignChoices { get; private set; }
    public DateOnly Today { get; private set; }
    public ProjectLookups Lookups => lookups;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Scope = ProjectScope.For(User);
        Today = lookups.Today;
        var (page, size, skip) = Paging.Normalize(PageNumber, null);
        var (key, descending, orderBy) = Paging.Sort(Sort ?? ProjectFilter.DefaultSort, ProjectFilter.SortColumns, "p.Id DESC");
        CurrentSort = descending ? "-" + key : key;
        await Filter.ResolveNodeAsync(db, ct);
        var parameters = Filter.Parameters(Scope, lookups.Cutoffs(Today), new { Skip = skip, Take = size });
        var total = await db.ExecuteScalarAsync<long>(Sql.Count, parameters, ct);
        var rows = await db.QueryAsync<ProjectRow>(SqlText.OrderBy(Sql.List, orderBy), parameters, ct);
        Result = new PageOf<ProjectRow>(rows, page, size, total);
        Owners = await lookups.OwnersAsync(ct);
        Teams = await lookups.TeamsAsync(ct);
        ReassignChoices = await lookups.OwnerChoicesAsync(Scope, ct);
    }

    public sealed class ProjectRow
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string Title { get; set; } = "";
        public string EnterpriseName { get; set; } = "";
        public string Stage { get; set; } = "";
        public string OwnerName { get; set; } = "";
        public decimal? PlannedInvestmentWan { get; set; }
        public DateOnly? LastActivityOn { get; set; }
        public DateTime CreatedAtUtc { get; set; }
        public DateTime UpdatedAtUtc { get; set; }

        public HealthColor Health(ProjectLookups lookups) => lookups.Health(Stage, LastActivityOn, CreatedAtUtc, HasOverdueMatter);

        public bool HasOverdueMatter { get; set; }
    }

    internal static class Sql
    {
        public const string Count = "SELECT COUNT(*)\nFROM Projects p" + ProjectFilter.Where;

        public const string List = """
            SELECT p.Id, p.Code, p.Title, e.Name AS EnterpriseName, p.Stage, u.DisplayName AS OwnerName, p.PlannedInvestmentWan,
                   p.LastActivityOn, p.CreatedAtUtc, p.UpdatedAtUtc,
            """ + ProjectHealth.OverdueMatterColumn + ProjectFilter.FromWithNames + ProjectFilter.Where + "\nORDER BY " + SqlText.OrderByPlaceholder + " " + SqlText.Paging;
    }
}
