using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>/enterprises: the registry of local and prospect enterprises with search, filters, sorting and paging.</summary>
public sealed class IndexModel(IDb db, EnterpriseRegions regions, EnterpriseTotals totals) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Node { get; set; }
    [BindProperty(SupportsGet = true)] public string? Qualification { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = Paging.QueryKey)] public int? PageNumber { get; set; }

    public PageOf<EnterpriseRow> Result { get; private set; } = new([], 1, Paging.DefaultSize, 0);
    public string CurrentSort { get; private set; } = "name";
    public bool AnyEnterprise { get; private set; }
    public bool UnknownNode { get; private set; }
    /// <summary>The name of the node or chain of the node filter, shown in its picker.</summary>
    public string? NodeLabel { get; private set; }
    public IReadOnlyList<RegionOption> Regions { get; private set; } = [];

    public EnterpriseFilter Filter => new() { Q = Q, Kind = Kind, Region = Region, Node = Node, Qualification = Qualification };

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size, skip) = Paging.Normalize(PageNumber, null);
        var (key, descending, orderBy) = EnterpriseList.OrderBy(Sort);
        CurrentSort = descending ? "-" + key : key;
        var where = await EnterpriseList.WhereAsync(db, Filter, ct);
        UnknownNode = where.UnknownNode;
        var total = await totals.CountAsync(Filter, where, ct);
        where.Parameters.Add("Skip", skip);
        where.Parameters.Add("Take", size);
        var rows = total == 0 || skip >= total
            ? []
            : await db.QueryAsync<EnterpriseRow>(SqlText.OrderBy(EnterpriseList.RenderPage(EnterpriseList.Sql.Page, where), orderBy), where.Parameters, ct);
        Result = new PageOf<EnterpriseRow>(rows, page, size, total);
        AnyEnterprise = total > 0 || await db.ExecuteScalarAsync<long>(EnterpriseList.Sql.CountAll, ct: ct) > 0;
        if (AnyEnterprise)
        {
            NodeLabel = UnknownNode ? null : await Pickers.NodeChoices.LabelAsync(db, Node, ct);
            Regions = await regions.AllAsync(ct);
        }
    }

    public sealed class EnterpriseRow
    {
        public long Id { get; set; }
        public string Uscc { get; set; } = "";
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? Province { get; set; }
        public string? City { get; set; }
        public string? District { get; set; }
        public decimal? RegisteredCapitalWan { get; set; }
        public decimal? AnnualRevenueWan { get; set; }
        public int? Employees { get; set; }
        public string? MainProducts { get; set; }
        public DateTime UpdatedAtUtc { get; set; }
        public bool HighTech { get; set; }
        public bool Srdi { get; set; }
        public bool LittleGiant { get; set; }
        public bool SingleChampion { get; set; }
        public bool Listed { get; set; }
        public long NodeCount { get; set; }

        public IEnumerable<string> Qualifications()
        {
            if (HighTech) yield return "high_tech";
            if (Srdi) yield return "srdi";
            if (LittleGiant) yield return "little_giant";
            if (SingleChampion) yield return "single_champion";
            if (Listed) yield return "listed";
        }
    }
}
