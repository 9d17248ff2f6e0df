using Dapper;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Infrastructure.Import;
using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>
/// The filters of the project list, shared by the list, the board and the export so all three show the same
/// projects. Bound from the query string; <see cref="Parameters"/> adds the visibility scope, never optional.
/// </summary>
public sealed class ProjectFilter
{
    public string? Q { get; set; }
    public string? Stage { get; set; }
    public long? Owner { get; set; }
    public long? Team { get; set; }
    /// <summary>CHAIN:NODE, as the node picker sends it; <see cref="ResolveNodeAsync"/> finds its id.</summary>
    public string? Node { get; set; }
    public string? Source { get; set; }

    /// <summary>lt1 (under 1 亿元), ge1 (≥ 1 亿元), ge10 (≥ 10 亿元).</summary>
    public string? Size { get; set; }

    /// <summary>yellow or red (三色预警).</summary>
    public string? Health { get; set; }

    /// <summary>The id of <see cref="Node"/> once resolved; -1 (no project) when it names no node.</summary>
    public long? NodeId { get; private set; }

    /// <summary>True when <see cref="Node"/> names no chain node.</summary>
    public bool UnknownNode { get; private set; }

    /// <summary>The name of <see cref="Node"/>, for its picker.</summary>
    public string? NodeLabel { get; private set; }

    private bool nodeResolved;

    internal const string StageOrder =
        "CASE p.Stage WHEN 'lead' THEN 1 WHEN 'contacted' THEN 2 WHEN 'site_visit' THEN 3 WHEN 'negotiation' THEN 4 WHEN 'signed' THEN 5 WHEN 'started' THEN 6 WHEN 'in_production' THEN 7 WHEN 'on_hold' THEN 8 ELSE 9 END";

    /// <summary>The list's sort keys (a leading '-' for descending) and their ORDER BY expressions: the list sorts
    /// by them and a saved view keeps only them.</summary>
    public static readonly IReadOnlyDictionary<string, string> SortColumns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["updated"] = "p.UpdatedAtUtc",
        ["code"] = "p.Code",
        ["title"] = "p.Title",
        ["stage"] = StageOrder,
        ["investment"] = "p.PlannedInvestmentWan",
        ["activity"] = "p.LastActivityOn",
    };

    public const string DefaultSort = "-updated";

    public static readonly IReadOnlyList<string> Sizes = ["lt1", "ge1", "ge10"];

    public static readonly IReadOnlyList<string> Healths = ["yellow", "red"];

    public bool Any => !string.IsNullOrWhiteSpace(Q) || Stage is not null || Owner is not null || Team is not null || !string.IsNullOrWhiteSpace(Node)
        || Source is not null || Size is not null || Health is not null;

    /// <summary>Projects with their enterprise (<c>e</c>) and owner (<c>u</c>): what the list's rows and the board's
    /// cards are read from.</summary>
    public const string FromWithNames = "\nFROM Projects p\nJOIN Enterprises e ON e.Id = p.EnterpriseId\nJOIN Users u ON u.Id = p.OwnerUserId";

    /// <summary>The WHERE clause over <c>Projects p</c>: scope first, then each filter when set.</summary>
    public const string Where = "\nWHERE " + Conditions;

    /// <summary>The same conditions without the WHERE, to follow a condition that can use an index.</summary>
    public const string Conditions = ProjectScope.Filter + """

          AND (@Pattern IS NULL OR p.Code LIKE @Pattern OR p.Title LIKE @Pattern
               OR p.EnterpriseId IN (SELECT ef.Id FROM Enterprises ef WHERE ef.Name LIKE @Pattern))
          AND (@Stage IS NULL OR p.Stage = @Stage)
          AND (@Owner IS NULL OR p.OwnerUserId = @Owner)
          AND (@Team IS NULL OR p.TeamId = @Team)
          AND (@Node IS NULL OR EXISTS (SELECT 1 FROM ProjectNodes pn WHERE pn.ProjectId = p.Id AND pn.NodeId = @Node))
          AND (@Source IS NULL OR p.Source = @Source)
          AND (@MinWan IS NULL OR p.PlannedInvestmentWan >= @MinWan)
          AND (@MaxWan IS NULL OR p.PlannedInvestmentWan IS NULL OR p.PlannedInvestmentWan < @MaxWan)
          AND (@Health IS NULL
        """ + "\n       OR (@Health = 'red' AND " + ProjectHealth.RedFilter + ")\n       OR (@Health = 'yellow' AND " + ProjectHealth.YellowFilter + "))";

    /// <summary>Finds the node of <see cref="Node"/>; must run before <see cref="Parameters"/>.</summary>
    public async Task ResolveNodeAsync(Infrastructure.Data.IDb db, CancellationToken ct)
    {
        nodeResolved = true;
        if (string.IsNullOrWhiteSpace(Node))
        {
            return;
        }

        var node = ChainNodeRef.TryParse(Node.Trim().Replace('：', ':').ToUpperInvariant(), out var parsed)
            ? await Pickers.NodeChoices.ByRefAsync(db, parsed, ct)
            : null;
        UnknownNode = node is null;
        NodeId = node?.Id ?? -1;
        NodeLabel = node is null ? null : Chains.ChainText.Name(node.Name, node.NameEn) + " (" + node.Ref + ")";
    }

    /// <summary>The filter's parameters; <paramref name="cutoffs"/> are today's for the 三色 filter.</summary>
    public DynamicParameters Parameters(ProjectScope scope, QuietCutoffs cutoffs, object? extra = null)
    {
        if (!nodeResolved && !string.IsNullOrWhiteSpace(Node))
        {
            // Without this the node filter would silently show every project.
            throw new InvalidOperationException("ResolveNodeAsync must run before Parameters when a node filter is set.");
        }

        var parameters = scope.AddTo(extra);
        parameters.AddDynamicParams(cutoffs);
        parameters.Add("Pattern", string.IsNullOrWhiteSpace(Q) ? null : "%" + Q.Trim() + "%");
        parameters.Add("Stage", ProjectStages.IsKnown(Stage) ? Stage : null);
        parameters.Add("Owner", Owner);
        parameters.Add("Team", Team);
        parameters.Add("Node", NodeId);
        parameters.Add("Source", Source is not null && ProjectStages.Sources.Contains(Source) ? Source : null);
        parameters.Add("MinWan", Size switch { "ge1" => ProjectStages.OneYi, "ge10" => 10 * ProjectStages.OneYi, _ => (decimal?)null });
        parameters.Add("MaxWan", Size == "lt1" ? ProjectStages.OneYi : (decimal?)null);
        parameters.Add("Health", Health is not null && Healths.Contains(Health) ? Health : null);
        return parameters;
    }

    /// <summary>The same filters as query-string pairs, for the export link and the board/list switch.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Query()
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (!string.IsNullOrWhiteSpace(Q)) yield return new("q", Q);
        if (Stage is not null) yield return new("stage", Stage);
        if (Owner is not null) yield return new("owner", Owner.Value.ToString(inv));
        if (Team is not null) yield return new("team", Team.Value.ToString(inv));
        if (!string.IsNullOrWhiteSpace(Node)) yield return new("node", Node.Trim());
        if (Source is not null) yield return new("source", Source);
        if (Size is not null) yield return new("size", Size);
        if (Health is not null) yield return new("health", Health);
    }
}

/// <summary>The rows of the projects CSV (docs/en/import-formats.md) for a scope and filter: the CLI exports everything, the page what the user sees.</summary>
public static class ProjectExport
{
    public static async Task<IReadOnlyList<ProjectFileRow>> RowsAsync(Infrastructure.Data.IDb db, ProjectScope scope, ProjectFilter filter, QuietCutoffs cutoffs, CancellationToken ct)
    {
        await filter.ResolveNodeAsync(db, ct);
        var parameters = filter.Parameters(scope, cutoffs);
        var rows = await db.QueryAsync<ProjectFileRow>(Sql.Rows, parameters, ct);
        var nodes = (await db.QueryAsync<NodeRow>(Sql.Nodes, parameters, ct)).ToLookup(n => n.ProjectCode, n => new ChainNodeRef(n.ChainCode, n.NodeCode), StringComparer.Ordinal);
        return [.. rows.Select(r => r with { TargetNodes = [.. nodes[r.Code]] })];
    }

    public static void WriteCsv(Stream stream, IEnumerable<ProjectFileRow> rows) =>
        TabularFile.WriteCsv(stream, ProjectImport.Header, rows.Select(ProjectImport.ToCsvRow));

    /// <summary>The same rows as an XLSX workbook (the import reads both), amounts as number cells.</summary>
    public static void WriteXlsx(Stream stream, IEnumerable<ProjectFileRow> rows) =>
        TabularFile.WriteXlsx(stream, ProjectImport.Header, rows.Select(ProjectImport.ToCsvRow), ProjectImport.NumericColumns, "projects");

    private sealed class NodeRow
    {
        public string ProjectCode { get; set; } = "";
        public string ChainCode { get; set; } = "";
        public string NodeCode { get; set; } = "";
    }

    internal static class Sql
    {
        public const string Rows = """
            SELECT p.Code, p.Title, e.Uscc AS EnterpriseUscc, p.Stage, u.Email AS OwnerEmail, p.PlannedInvestmentWan, p.LandMu,
                   p.ExpectedOutputWan, p.ExpectedTaxWan, p.Source, p.SignedOn, p.StartedOn, p.InProductionOn
            FROM Projects p
            JOIN Enterprises e ON e.Id = p.EnterpriseId
            JOIN Users u ON u.Id = p.OwnerUserId
            """ + ProjectFilter.Where + "\nORDER BY p.Code";

        public const string Nodes = """
            SELECT p.Code AS ProjectCode, c.Code AS ChainCode, n.Code AS NodeCode
            FROM ProjectNodes pn
            JOIN ChainNodes n ON n.Id = pn.NodeId
            JOIN Chains c ON c.Id = n.ChainId
            JOIN Projects p ON p.Id = pn.ProjectId
            """ + ProjectFilter.Where + "\nORDER BY pn.ProjectId, c.Code, n.SortOrder, n.Code";
    }
}
