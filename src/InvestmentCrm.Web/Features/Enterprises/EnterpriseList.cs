using System.Text;
using Dapper;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Web;
using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>The filters of the enterprise list, as they appear in its query string (and in the export links).</summary>
public sealed class EnterpriseFilter
{
    /// <summary>Part of the name (spaces and bracket variants ignored), of the main products, or the start of the USCC.</summary>
    public string? Q { get; set; }

    /// <summary>local or prospect.</summary>
    public string? Kind { get; set; }

    /// <summary>"省" or "省/市".</summary>
    public string? Region { get; set; }

    /// <summary>"CHAIN:NODE" for one node, "CHAIN" for every node of a chain.</summary>
    public string? Node { get; set; }

    /// <summary>One of <see cref="EnterpriseImport.Qualifications"/>.</summary>
    public string? Qualification { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Q) && string.IsNullOrWhiteSpace(Kind) && string.IsNullOrWhiteSpace(Region)
        && string.IsNullOrWhiteSpace(Node) && string.IsNullOrWhiteSpace(Qualification);

    /// <summary>The filters as query-string pairs (empty ones left out), for links that keep them.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Query()
    {
        foreach (var (key, value) in new[] { ("q", Q), ("kind", Kind), ("region", Region), ("node", Node), ("qualification", Qualification) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                yield return new(key, value.Trim());
            }
        }
    }
}

/// <summary>A filter turned into SQL: the conditions replace <see cref="EnterpriseList.WherePlaceholder"/>.
/// <paramref name="PageConditions"/> are the same filter written for reading one sorted page (see <see cref="EnterpriseList.Conditions.ChainProbe"/>).</summary>
public sealed record EnterpriseWhere(string Conditions, string PageConditions, DynamicParameters Parameters, bool UnknownNode);

/// <summary>A chain node to pick, grouped by chain in the filter and the edit form.</summary>
public sealed record NodeOption(long Id, string ChainCode, string ChainName, string? ChainNameEn, string Code, string Name, string? NameEn)
{
    public string Ref => ChainCode + ":" + Code;
}

public sealed record RegionOption(string Province, string? City);

/// <summary>
/// The query behind /enterprises and its exports. Each filter adds one fixed condition (never user text) that an
/// index serves: kind and region from the Enterprises indexes, chain node and qualification through the
/// (NodeId, EnterpriseId) and (Qualification, EnterpriseId) indexes; search through <see cref="EnterpriseSearch"/>.
/// </summary>
public static class EnterpriseList
{
    /// <summary>A comment, so every statement is valid SQL before the conditions are put in.</summary>
    public const string WherePlaceholder = "/**where**/";

    public static readonly IReadOnlyDictionary<string, string> SortColumns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = "e.Name",
        ["uscc"] = "e.Uscc",
        ["revenue"] = "e.AnnualRevenueWan",
        ["capital"] = "e.RegisteredCapitalWan",
        ["employees"] = "e.Employees",
        ["updated"] = "e.UpdatedAtUtc",
    };

    /// <summary>The sort of <see cref="Paging.Sort"/> with the tie-breaker in the same direction, so that SQLite and SQL
    /// Server read a descending page backwards along one index instead of sorting the rows.</summary>
    public static (string Key, bool Descending, string OrderBy) OrderBy(string? requested)
    {
        var (key, descending, _) = Paging.Sort(requested, SortColumns, "e.Id");
        var direction = descending ? "DESC" : "ASC";
        return (key, descending, $"{SortColumns[key]} {direction}, e.Id {direction}");
    }

    public static async Task<EnterpriseWhere> WhereAsync(IDb db, EnterpriseFilter filter, CancellationToken ct)
    {
        var conditions = new StringBuilder();
        var pageConditions = new StringBuilder();
        var parameters = new DynamicParameters();
        var unknownNode = false;

        if (Choice(filter.Kind, EnterpriseImport.Kinds) is { } kind)
        {
            conditions.Append(Conditions.Kind);
            pageConditions.Append(Conditions.Kind);
            parameters.Add("Kind", kind);
        }

        if (Region(filter.Region) is var (province, city))
        {
            conditions.Append(Conditions.Province);
            pageConditions.Append(Conditions.Province);
            parameters.Add("Province", province);
            if (city is not null)
            {
                conditions.Append(Conditions.City);
                pageConditions.Append(Conditions.City);
                parameters.Add("City", city);
            }
        }

        if (!string.IsNullOrWhiteSpace(filter.Node))
        {
            var text = filter.Node.Trim().ToUpperInvariant();
            long? id = null;
            if (ChainNodeRef.TryParse(text, out var node))
            {
                id = await db.ExecuteScalarAsync<long?>(Sql.NodeId, new { node.ChainCode, node.NodeCode }, ct);
                if (id is not null)
                {
                    conditions.Append(Conditions.Node);
                    pageConditions.Append(Conditions.Node);
                    parameters.Add("NodeId", id);
                }
            }
            else
            {
                id = await db.ExecuteScalarAsync<long?>(Sql.ChainId, new { Code = text }, ct);
                if (id is not null)
                {
                    conditions.Append(Conditions.Chain);
                    pageConditions.Append(Conditions.ChainProbe);
                    parameters.Add("ChainId", id);
                }
            }

            if (id is null)
            {
                unknownNode = true;
                conditions.Append(Conditions.Nothing);
                pageConditions.Append(Conditions.Nothing);
            }
        }

        if (Choice(filter.Qualification, EnterpriseImport.Qualifications) is { } qualification)
        {
            conditions.Append(Conditions.Qualification);
            pageConditions.Append(Conditions.Qualification);
            parameters.Add("Qualification", qualification);
        }

        if (EnterpriseSearch.For(filter.Q) is { } search)
        {
            var condition = EnterpriseSearch.Condition(db.Dialect, search, parameters);
            conditions.Append(condition);
            pageConditions.Append(condition);
        }

        return new EnterpriseWhere(conditions.ToString(), pageConditions.ToString(), parameters, unknownNode);
    }

    public static string Render(string sql, EnterpriseWhere where) => sql.Replace(WherePlaceholder, where.Conditions, StringComparison.Ordinal);

    public static string RenderPage(string sql, EnterpriseWhere where) => sql.Replace(WherePlaceholder, where.PageConditions, StringComparison.Ordinal);

    /// <summary>Every enterprise the filter selects, in the import format (first contact; nodes as CHAIN:NODE), oldest first.</summary>
    public static async Task<IReadOnlyList<EnterpriseFileRow>> ExportRowsAsync(IDb db, EnterpriseWhere where, CancellationToken ct)
    {
        var enterprises = await db.QueryAsync<ExportEnterprise>(Render(Sql.ExportEnterprises, where), where.Parameters, ct);
        var qualifications = (await db.QueryAsync<(long EnterpriseId, string Qualification)>(Render(Sql.ExportQualifications, where), where.Parameters, ct))
            .ToLookup(q => q.EnterpriseId, q => q.Qualification);
        var nodes = (await db.QueryAsync<(long EnterpriseId, string ChainCode, string NodeCode)>(Render(Sql.ExportNodes, where), where.Parameters, ct))
            .ToLookup(n => n.EnterpriseId, n => new ChainNodeRef(n.ChainCode, n.NodeCode));
        var contacts = new Dictionary<long, ExportContact>();
        foreach (var contact in await db.QueryAsync<ExportContact>(Render(Sql.ExportContacts, where), where.Parameters, ct))
        {
            contacts.TryAdd(contact.EnterpriseId, contact);
        }

        return enterprises.Select(e =>
        {
            contacts.TryGetValue(e.Id, out var contact);
            var held = qualifications[e.Id].ToHashSet(StringComparer.Ordinal);
            return new EnterpriseFileRow(e)
            {
                Qualifications = [.. EnterpriseImport.Qualifications.Where(held.Contains)],
                ChainNodes = [.. nodes[e.Id]],
                Contact = contact is null ? null : new EnterpriseContact(contact.Name, contact.Title, contact.Phone, contact.Email),
            };
        }).ToList();
    }

    public static async Task<IReadOnlyList<NodeOption>> NodeOptionsAsync(IDb db, CancellationToken ct) =>
        await db.QueryAsync<NodeOption>(Sql.NodeOptions, ct: ct);

    public static async Task<IReadOnlyList<RegionOption>> RegionOptionsAsync(IDb db, CancellationToken ct) =>
        await db.QueryAsync<RegionOption>(Sql.Regions, ct: ct);

    /// <summary>The region filter's "province" or "province/city"; null when there is none.</summary>
    public static (string Province, string? City)? Region(string? region)
    {
        if (string.IsNullOrWhiteSpace(region))
        {
            return null;
        }

        var parts = region.Split('/', 2, StringSplitOptions.TrimEntries);
        return (parts[0], parts.Length == 2 && parts[1].Length > 0 ? parts[1] : null);
    }

    private static string? Choice(string? value, IReadOnlyList<string> allowed) =>
        string.IsNullOrWhiteSpace(value) ? null : allowed.FirstOrDefault(a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase));

    public sealed record ExportEnterprise : EnterpriseFields
    {
        public long Id { get; init; }
    }

    public sealed class ExportContact
    {
        public long EnterpriseId { get; set; }
        public string Name { get; set; } = "";
        public string? Title { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
    }

    /// <summary>The conditions a filter adds, each starting with AND (the statements say WHERE 1 = 1 first).</summary>
    public static class Conditions
    {
        public const string Kind = "\n  AND e.Kind = @Kind";
        public const string Province = "\n  AND e.Province = @Province";
        public const string City = "\n  AND e.City = @City";
        public const string Node = "\n  AND e.Id IN (SELECT en.EnterpriseId FROM EnterpriseNodes en WHERE en.NodeId = @NodeId)";
        // Counting and exporting a whole chain: build the set of its enterprises once (SQLite: 0.2 s for 100,000).
        public const string Chain = "\n  AND e.Id IN (SELECT en.EnterpriseId FROM EnterpriseNodes en JOIN ChainNodes n ON n.Id = en.NodeId WHERE n.ChainId = @ChainId)";

        // Reading one sorted page of a whole chain: walk the sort index and probe each enterprise's mappings, which
        // stops after a page of matches instead of sorting the whole chain (a chain often covers most enterprises).
        public const string ChainProbe = "\n  AND EXISTS (SELECT 1 FROM EnterpriseNodes en JOIN ChainNodes n ON n.Id = en.NodeId WHERE en.EnterpriseId = e.Id AND n.ChainId = @ChainId)";
        public const string Qualification = "\n  AND e.Id IN (SELECT q.EnterpriseId FROM EnterpriseQualifications q WHERE q.Qualification = @Qualification)";
        public const string Nothing = "\n  AND 1 = 0";

        public static IReadOnlyList<string> All => [Kind, Province, City, Node, Chain, ChainProbe, Qualification, Nothing];
    }

    internal static class Sql
    {
        private const string Filtered = "\nFROM Enterprises e\nWHERE 1 = 1 " + WherePlaceholder;

        private const string FilteredIds = "(SELECT e.Id" + Filtered + ")";

        public const string Count = "SELECT COUNT(*)" + Filtered;

        public const string CountAll = "SELECT COUNT(*) FROM Enterprises";

        // The qualification badges are five index probes per row of the page, the same SQL on both databases.
        public const string Page = """
            SELECT e.Id, e.Uscc, e.Name, e.Kind, e.Province, e.City, e.District, e.RegisteredCapitalWan, e.AnnualRevenueWan,
                   e.Employees, e.MainProducts, e.UpdatedAtUtc,
                   CASE WHEN EXISTS (SELECT 1 FROM EnterpriseQualifications q WHERE q.EnterpriseId = e.Id AND q.Qualification = 'high_tech') THEN 1 ELSE 0 END AS HighTech,
                   CASE WHEN EXISTS (SELECT 1 FROM EnterpriseQualifications q WHERE q.EnterpriseId = e.Id AND q.Qualification = 'srdi') THEN 1 ELSE 0 END AS Srdi,
                   CASE WHEN EXISTS (SELECT 1 FROM EnterpriseQualifications q WHERE q.EnterpriseId = e.Id AND q.Qualification = 'little_giant') THEN 1 ELSE 0 END AS LittleGiant,
                   CASE WHEN EXISTS (SELECT 1 FROM EnterpriseQualifications q WHERE q.EnterpriseId = e.Id AND q.Qualification = 'single_champion') THEN 1 ELSE 0 END AS SingleChampion,
                   CASE WHEN EXISTS (SELECT 1 FROM EnterpriseQualifications q WHERE q.EnterpriseId = e.Id AND q.Qualification = 'listed') THEN 1 ELSE 0 END AS Listed,
                   (SELECT COUNT(*) FROM EnterpriseNodes en WHERE en.EnterpriseId = e.Id) AS NodeCount
            """ + Filtered + "\nORDER BY " + SqlText.OrderByPlaceholder + " " + SqlText.Paging;

        public const string ExportEnterprises = """
            SELECT e.Id, e.Uscc, e.Name, e.Kind, e.Province, e.City, e.District, e.IndustryCode, e.RegisteredCapitalWan,
                   e.AnnualRevenueWan, e.Employees, e.MainProducts, e.Website
            """ + Filtered + "\nORDER BY e.Id";

        public const string ExportQualifications =
            "SELECT q.EnterpriseId, q.Qualification FROM EnterpriseQualifications q WHERE q.EnterpriseId IN " + FilteredIds;

        public const string ExportNodes = """
            SELECT en.EnterpriseId, c.Code AS ChainCode, n.Code AS NodeCode
            FROM EnterpriseNodes en
            JOIN ChainNodes n ON n.Id = en.NodeId
            JOIN Chains c ON c.Id = n.ChainId
            WHERE en.EnterpriseId IN
            """ + " " + FilteredIds + "\nORDER BY c.Code, n.SortOrder, n.Code";

        public const string ExportContacts = """
            SELECT ct.EnterpriseId, ct.Name, ct.Title, ct.Phone, ct.Email
            FROM EnterpriseContacts ct
            WHERE ct.EnterpriseId IN
            """ + " " + FilteredIds + "\nORDER BY ct.EnterpriseId, ct.SortOrder, ct.Id";

        public const string NodeId = """
            SELECT n.Id FROM ChainNodes n JOIN Chains c ON c.Id = n.ChainId WHERE c.Code = @ChainCode AND n.Code = @NodeCode
            """;

        public const string ChainId = "SELECT Id FROM Chains WHERE Code = @Code";

        public const string NodeOptions = """
            SELECT n.Id, c.Code AS ChainCode, c.Name AS ChainName, c.NameEn AS ChainNameEn, n.Code, n.Name, n.NameEn
            FROM ChainNodes n
            JOIN Chains c ON c.Id = n.ChainId
            ORDER BY c.Code, n.SortOrder, n.Code
            """;

        // Served by IX_Enterprises_Region (Province, City, District) without reading the table.
        public const string Regions = """
            SELECT DISTINCT e.Province, e.City FROM Enterprises e WHERE e.Province IS NOT NULL ORDER BY e.Province, e.City
            """;
    }
}
