using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Features.Chains;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Pickers;

/// <summary>
/// Chain nodes for the pickers of the enterprise form, the project form and the list filters: a chain may hold
/// thousands of nodes, so pages show only the chosen ones (with their names) and search the rest on demand.
/// </summary>
public static class NodeChoices
{
    /// <summary>More chosen nodes than any form needs; a post with more is refused rather than read one by one.</summary>
    public const int MaxChosen = 200;

    public static async Task<NodeOption?> ByIdAsync(IDb db, long id, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<NodeOption>(Sql.ById, new { Id = id }, ct);

    /// <summary>The nodes of <paramref name="ids"/> that exist, in chain and node order.</summary>
    public static async Task<IReadOnlyList<NodeOption>> ByIdsAsync(IDb db, IEnumerable<long> ids, CancellationToken ct)
    {
        var found = new List<NodeOption>();
        foreach (var id in ids.Distinct().Take(MaxChosen))
        {
            if (await ByIdAsync(db, id, ct) is { } node)
            {
                found.Add(node);
            }
        }

        return [.. found.OrderBy(n => n.ChainCode, StringComparer.Ordinal).ThenBy(n => n.Code, StringComparer.Ordinal)];
    }

    public static async Task<NodeOption?> ByRefAsync(IDb db, ChainNodeRef node, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<NodeOption>(Sql.ByRef, new { node.ChainCode, node.NodeCode }, ct);

    /// <summary>The name of a node filter's value (CHAIN:NODE or CHAIN) as its picker shows it; null when it names nothing.</summary>
    public static async Task<string?> LabelAsync(IDb db, string? value, CancellationToken ct)
    {
        var text = value?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (ChainNodeRef.TryParse(text, out var node))
        {
            return await ByRefAsync(db, node, ct) is { } found ? ChainText.Name(found.Name, found.NameEn) + " (" + found.Ref + ")" : null;
        }

        var chain = await db.QuerySingleOrDefaultAsync<ChainName>(Sql.ChainName, new { Code = text }, ct);
        return chain is null ? null : ChainText.Name(chain.Name, chain.NameEn) + " (" + text + ")";
    }

    /// <summary>CHAIN:NODE references as typed (separated by commas, semicolons or spaces, full-width too): the nodes
    /// found and the references that name none.</summary>
    public static async Task<(IReadOnlyList<NodeOption> Found, IReadOnlyList<string> Unknown)> ResolveAsync(IDb db, string? text, CancellationToken ct)
    {
        var found = new List<NodeOption>();
        var unknown = new List<string>();
        foreach (var typed in ChainText.SplitCodes(text).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxChosen))
        {
            var node = ChainNodeRef.TryParse(typed.Replace('：', ':').ToUpperInvariant(), out var parsed) ? await ByRefAsync(db, parsed, ct) : null;
            if (node is null)
            {
                unknown.Add(typed);
            }
            else
            {
                found.Add(node);
            }
        }

        return (found, unknown);
    }

    /// <summary>
    /// The form's ticked node ids plus the nodes of the references typed into <paramref name="typedKey"/>; null, with a
    /// message under that field naming what was not found, when any reference names no node (the text then stays).
    /// </summary>
    public static async Task<List<long>?> AddTypedAsync(IDb db, IEnumerable<long> ticked, string? typed, string typedKey,
        ModelStateDictionary modelState, IStringLocalizer l, CancellationToken ct)
    {
        var (found, unknown) = await ResolveAsync(db, typed, ct);
        if (unknown.Count > 0)
        {
            modelState.AddModelError(typedKey, l["Pickers.Error.UnknownNodes", string.Join("、", unknown)]);
            return null;
        }

        return [.. ticked.Concat(found.Select(n => n.Id)).Distinct()];
    }

    /// <summary>A page of the nodes whose code or name (or chain) contains <paramref name="query"/>; "CHAIN:PART" looks
    /// in one chain. With <paramref name="wholeChains"/> the first page starts with the matching chains themselves.</summary>
    public static async Task<PickerPage> SearchAsync(IDb db, IStringLocalizer l, string query, int page, bool wholeChains, CancellationToken ct)
    {
        var text = query.Trim().Replace('：', ':');
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var chainCode = colon >= 0 ? text[..colon].Trim().ToUpperInvariant() : null;
        var part = colon >= 0 ? text[(colon + 1)..].Trim() : text;
        var pattern = "%" + TextSearchSql.EscapeLike(part) + "%";
        var (skip, take) = PickerLimits.Window(page);
        var items = new List<PickerItem>();
        if (wholeChains && page == 1 && chainCode is null)
        {
            var chains = await db.QueryAsync<(string Code, string Name, string? NameEn)>(Sql.Chains, new { Pattern = pattern }, ct);
            items.AddRange(chains.Select(c => new PickerItem(c.Code, 0, l["Enterprises.WholeChain", ChainText.Name(c.Name, c.NameEn)], c.Code)));
        }

        var nodes = await db.QueryAsync<NodeOption>(Sql.Search, new { ChainCode = chainCode, Pattern = pattern, Skip = skip, Take = take }, ct);
        items.AddRange(nodes.Select(Item));
        var more = nodes.Count > PickerLimits.PageSize;
        return new PickerPage([.. items.Take(items.Count - (more ? 1 : 0))], more);
    }

    public static PickerItem Item(NodeOption n) =>
        new(n.Ref, n.Id, ChainText.Name(n.Name, n.NameEn), ChainText.Name(n.ChainName, n.ChainNameEn) + " · " + n.Ref);

    private sealed record ChainName(string Name, string? NameEn);

    internal static class Sql
    {
        private const string Select = """
            SELECT n.Id, c.Code AS ChainCode, c.Name AS ChainName, c.NameEn AS ChainNameEn, n.Code, n.Name, n.NameEn
            FROM ChainNodes n
            JOIN Chains c ON c.Id = n.ChainId
            """;

        public const string ById = Select + "\nWHERE n.Id = @Id";

        public const string ByRef = Select + "\nWHERE c.Code = @ChainCode AND n.Code = @NodeCode";

        // At most a few thousand nodes: the scan costs milliseconds, and a page is read in the chain's order.
        public const string Search = Select + """

            WHERE (@ChainCode IS NULL OR c.Code = @ChainCode)
              AND (n.Code LIKE @Pattern ESCAPE '\' OR n.Name LIKE @Pattern ESCAPE '\' OR n.NameEn LIKE @Pattern ESCAPE '\'
                   OR (@ChainCode IS NULL AND (c.Code LIKE @Pattern ESCAPE '\' OR c.Name LIKE @Pattern ESCAPE '\')))
            ORDER BY c.Code, n.SortOrder, n.Code /**paging**/
            """;

        public const string ChainName = "SELECT c.Name, c.NameEn FROM Chains c WHERE c.Code = @Code";

        public const string Chains = """
            SELECT c.Code, c.Name, c.NameEn FROM Chains c
            WHERE c.Code LIKE @Pattern ESCAPE '\' OR c.Name LIKE @Pattern ESCAPE '\' OR c.NameEn LIKE @Pattern ESCAPE '\'
            ORDER BY c.Code
            """;
    }
}
