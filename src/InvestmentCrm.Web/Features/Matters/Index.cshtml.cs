using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Matters;

/// <summary>/matters: the coordination matters of the projects the user may see, filterable by status, department,
/// overdue, chain and team, sortable and paged — the list the monthly dispatch meeting chases.</summary>
public sealed class IndexModel(IDb db, ProjectLookups lookups) : PageModel
{
    private static readonly Dictionary<string, string> SortColumns = new(StringComparer.Ordinal)
    {
        ["due"] = "m.DueOn",
        ["project"] = "p.Code",
        ["department"] = "m.Department",
        ["status"] = "CASE m.Status WHEN 'open' THEN 1 WHEN 'in_progress' THEN 2 ELSE 3 END",
        ["raised"] = "m.RaisedAtUtc",
    };

    [BindProperty(SupportsGet = true)] public MatterFilter Filter { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = Paging.QueryKey)] public int? PageNumber { get; set; }

    public PageOf<MatterRow> Result { get; private set; } = new([], 1, Paging.DefaultSize, 0);
    public string CurrentSort { get; private set; } = "due";
    public IReadOnlyList<Option> Teams { get; private set; } = [];
    public IReadOnlyList<Option> Chains { get; private set; } = [];
    public IReadOnlyList<string> Departments { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = ProjectScope.For(User);
        Today = lookups.Today;
        var (page, size, skip) = Paging.Normalize(PageNumber, null);
        var (key, descending, orderBy) = Paging.Sort(Sort ?? "due", SortColumns, "m.Id");
        CurrentSort = descending ? "-" + key : key;
        var parameters = Filter.Parameters(scope, Today, new { Skip = skip, Take = size });
        var total = await db.ExecuteScalarAsync<long>(MatterQueries.Sql.Count, parameters, ct);
        var rows = await db.QueryAsync<MatterRow>(SqlText.OrderBy(MatterQueries.Sql.List, orderBy), parameters, ct);
        Result = new PageOf<MatterRow>(rows, page, size, total);
        Teams = await lookups.TeamsAsync(ct);
        Chains = await db.QueryAsync<Option>(MatterQueries.Sql.Chains, ct: ct);
        Departments = await MatterQueries.DepartmentsAsync(db, ct);
    }
}
