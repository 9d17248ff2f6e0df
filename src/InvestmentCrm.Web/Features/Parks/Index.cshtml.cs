using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Parks;

/// <summary>/parks: the parks grouped by their zone (一区多园; parks in no zone last), each with its area, leading
/// industries, chains and enterprises.</summary>
public sealed class IndexModel(IDb db) : PageModel
{
    private static readonly Dictionary<string, string> SortColumns = new(StringComparer.Ordinal)
    {
        ["name"] = "p.Name",
        ["district"] = "p.District",
        ["area"] = "p.AreaMu",
        ["enterprises"] = "Enterprises",
    };

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public PageOf<ParkRow> Result { get; private set; } = new([], 1, Paging.DefaultSize, 0);
    public ILookup<long, ChainLink> ChainsOf { get; private set; } = Array.Empty<ChainLink>().ToLookup(c => c.ParkId);
    public string CurrentSort { get; private set; } = "name";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size, skip) = Paging.Normalize(PageNumber, null);
        var (key, descending, orderBy) = Paging.Sort(Sort, SortColumns, "p.Id");
        CurrentSort = descending ? "-" + key : key;
        var filter = new { Pattern = string.IsNullOrWhiteSpace(Q) ? null : "%" + Q.Trim() + "%", Skip = skip, Take = size };
        var total = await db.ExecuteScalarAsync<long>(Sql.Count, filter, ct);
        Result = new PageOf<ParkRow>(await db.QueryAsync<ParkRow>(SqlText.OrderBy(Sql.List, orderBy), filter, ct), page, size, total);
        ChainsOf = (await db.QueryAsync<ChainLink>(Sql.Chains, ct: ct)).ToLookup(c => c.ParkId);
    }

    public sealed class ParkRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string? District { get; set; }
        public decimal? AreaMu { get; set; }
        public string? LeadingIndustries { get; set; }
        public long Enterprises { get; set; }
        public long? ZoneId { get; set; }
        public string? ZoneName { get; set; }
        public string? ZoneLevel { get; set; }
    }

    public sealed record ChainLink(long ParkId, string Code, string Name, string? NameEn);

    internal static class Sql
    {
        private const string Where = """

            FROM Parks p
            LEFT JOIN Zones z ON z.Id = p.ZoneId
            WHERE (@Pattern IS NULL OR p.Name LIKE @Pattern OR p.District LIKE @Pattern OR p.LeadingIndustries LIKE @Pattern)
            """;

        public const string Count = "SELECT COUNT(*)" + Where;

        public const string List = """
            SELECT p.Id, p.Name, p.District, p.AreaMu, p.LeadingIndustries, p.ZoneId, z.Name AS ZoneName, z.Level AS ZoneLevel,
                   (SELECT COUNT(*) FROM Enterprises e WHERE e.ParkId = p.Id) AS Enterprises
            """ + Where + "\nORDER BY " + ByZone + SqlText.OrderByPlaceholder + " " + SqlText.Paging;

        // Grouped by zone first (parks in no zone last), so a zone's parks stay together whatever the order within it.
        private const string ByZone = "CASE WHEN z.Name IS NULL THEN 1 ELSE 0 END, z.Name, ";

        public const string Chains = """
            SELECT pc.ParkId, c.Code, c.Name, c.NameEn
            FROM ParkChains pc
            JOIN Chains c ON c.Id = pc.ChainId
            ORDER BY c.Code
            """;
    }
}
