using InvestmentCrm.Web.Domain.Land;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Land;

/// <summary>
/// /land: the graded enterprises of a year (default: the latest year with records), with search, grade and park
/// filters, sorting and paging, the grade distribution and the settings the grades were computed with. Grading needs
/// the whole year (medians, ranks), so filtering, sorting and paging happen on the graded list.
/// </summary>
public sealed class IndexModel(LandQueries queries, IDb db) : PageModel
{
    private static readonly Dictionary<string, Func<LandRow, IComparable?>> SortKeys = new(StringComparer.Ordinal)
    {
        ["rank"] = r => r.Graded.Rank,
        ["name"] = r => r.Name,
        ["park"] = r => r.ParkName,
        ["land"] = r => r.Graded.Figures.LandMu,
        ["tax"] = r => r.Graded.Indicators.TaxPerMu,
        ["output"] = r => r.Graded.Indicators.OutputPerMu,
        ["investment"] = r => r.Graded.Indicators.InvestmentPerMu,
        ["labour"] = r => r.Graded.Indicators.LabourProductivity,
        ["rd"] = r => r.Graded.Indicators.RdIntensity,
        ["energy"] = r => r.Graded.Indicators.OutputPerTce,
        ["score"] = r => r.Graded.Score,
    };

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public LandGrade? Grade { get; set; }
    [BindProperty(SupportsGet = true)] public long? Park { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = Paging.QueryKey)] public int? PageNumber { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];
    public LandYear? Graded { get; private set; }
    public StoredLandSettings Settings { get; private set; } = new(LandGradingSettings.Default, 0, DateTime.MinValue);
    public PageOf<LandRow> Result { get; private set; } = new([], 1, Paging.DefaultSize, 0);
    public IReadOnlyList<ParkChoice> Parks { get; private set; } = [];
    public string CurrentSort { get; private set; } = "rank";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Years = await queries.YearsAsync(ct);
        Settings = await queries.SettingsAsync(ct);
        Parks = await db.QueryAsync<ParkChoice>(Sql.Parks, ct: ct);
        Year ??= Years.Count > 0 ? Years[0] : null;
        if (Year is not { } year || !Years.Contains(year))
        {
            return;
        }

        Graded = await queries.GradeAsync(year, Settings.Settings, ct);
        IEnumerable<LandRow> rows = Graded.Rows;
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            rows = rows.Where(r => r.Name.Contains(q, StringComparison.OrdinalIgnoreCase) || r.Uscc.Contains(q, StringComparison.OrdinalIgnoreCase));
        }

        if (Grade is { } grade)
        {
            rows = rows.Where(r => r.Graded.Grade == grade);
        }

        if (Park is { } park)
        {
            rows = rows.Where(r => park == 0 ? r.ParkId is null : r.ParkId == park);
        }

        var descending = Sort?.StartsWith('-') == true;
        var key = Sort?.TrimStart('-');
        if (key is null || !SortKeys.TryGetValue(key, out var sortKey))
        {
            (key, sortKey, descending) = ("rank", SortKeys["rank"], false);
        }

        CurrentSort = descending ? "-" + key : key;
        // Missing values sort last either way; the rank breaks ties.
        var present = rows.Where(r => sortKey(r) is not null);
        var ordered = (descending ? present.OrderByDescending(sortKey) : present.OrderBy(sortKey))
            .ThenBy(r => r.Graded.Rank)
            .ThenBy(r => r.EnterpriseId)
            .Concat(rows.Where(r => sortKey(r) is null).OrderBy(r => r.Graded.Rank))
            .ToList();
        var (page, size, skip) = Paging.Normalize(PageNumber, null);
        Result = new PageOf<LandRow>(ordered.Skip(skip).Take(size).ToList(), page, size, ordered.Count);
    }

    public sealed record ParkChoice(long Id, string Name);

    internal static class Sql
    {
        public const string Parks = "SELECT Id, Name FROM Parks ORDER BY Name";
    }
}
