using Dapper;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Features.Pickers;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Search;

/// <summary>The kinds of record search everywhere finds, in the order it shows them.</summary>
public static class SearchKinds
{
    public const string Projects = "projects";
    public const string Enterprises = "enterprises";
    public const string Contacts = "contacts";
    public const string Chains = "chains";

    public static readonly IReadOnlyList<string> All = [Projects, Enterprises, Contacts, Chains];
}

/// <summary>One thing found: what the reader sees and the page it opens (a page name and its route values).</summary>
public sealed record SearchHit(string Label, string? Detail, string Page, IReadOnlyDictionary<string, string> Route);

/// <summary>A page of one kind's hits; <paramref name="More"/> when another page follows.</summary>
public sealed record SearchGroup(string Kind, IReadOnlyList<SearchHit> Hits, int Page, bool More);

/// <summary>
/// Search everywhere (the box in the top bar, /search): projects by code or title within the reader's
/// <see cref="ProjectScope"/>; enterprises, contacts and chains with their links as the pickers find them
/// (<see cref="EnterpriseSearch"/> without contacts, the contact index, <see cref="NodeChoices"/>) — the registry and the chains are
/// every signed-in user's, and a contact is shown with its enterprise, never with a project. Each kind is one indexed
/// query of a page (<see cref="PickerLimits.PageSize"/> hits, one more to know whether another page follows), taken
/// the most recent first (projects by their last update, enterprises and contacts newest first, as the index holds
/// them): a query of one common character finds tens of thousands, and sorting them all by name before taking five
/// cost more than the 100 ms a keystroke may take (README, search everywhere).
/// </summary>
public static class SiteSearch
{
    public static async Task<SearchGroup> GroupAsync(IDb db, IStringLocalizer l, ProjectScope scope, string kind, string query, int page, CancellationToken ct) =>
        kind switch
        {
            SearchKinds.Projects => await ProjectsAsync(db, l, scope, query, page, ct),
            SearchKinds.Enterprises => await EnterprisesAsync(db, l, query, page, ct),
            SearchKinds.Contacts => await ContactsAsync(db, query, page, ct),
            _ => FromPicker(SearchKinds.Chains, page, await NodeChoices.SearchAsync(db, l, query, page, wholeChains: true, ct), NodePage),
        };

    private static async Task<SearchGroup> ProjectsAsync(IDb db, IStringLocalizer l, ProjectScope scope, string query, int page, CancellationToken ct)
    {
        var (skip, take) = PickerLimits.Window(page);
        var parameters = scope.AddTo(new { Pattern = "%" + TextSearchSql.EscapeLike(query.Trim()) + "%", Skip = skip, Take = take });
        var rows = await db.QueryAsync<(string Code, string Title, string Stage)>(Sql.Projects, parameters, ct);
        return Group(SearchKinds.Projects, page, [.. rows.Select(r => new SearchHit(r.Code + " " + r.Title, l["Projects.Stage." + r.Stage].Value, "/Projects/Details", Route("code", r.Code)))]);
    }

    // As the list and the pickers find them (EnterpriseSearch), except by their contacts: those are a kind of their
    // own here, each shown with its enterprise. Joining them in cost a lookup per contact found ("ser" is in half
    // of 200,000 e-mail addresses) for hits the contacts group shows anyway.
    private static async Task<SearchGroup> EnterprisesAsync(IDb db, IStringLocalizer l, string query, int page, CancellationToken ct)
    {
        if (EnterpriseSearch.For(query) is not { } search)
        {
            return new SearchGroup(SearchKinds.Enterprises, [], page, false);
        }

        var (skip, take) = PickerLimits.Window(page);
        var parameters = new DynamicParameters(new { Skip = skip, Take = take });
        var condition = EnterpriseSearch.Condition(db.Dialect, search with { ByContacts = false }, parameters);
        var rows = await db.QueryAsync<EnterpriseChoice>(Sql.Enterprises.Replace(EnterpriseList.WherePlaceholder, condition, StringComparison.Ordinal), parameters, ct);
        return Group(SearchKinds.Enterprises, page, [.. rows.Select(e => EnterpriseChoices.Item(l, e)).Select(i => new SearchHit(i.Label, i.Detail,
            "/Enterprises/Details", Route("id", i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))))]);
    }

    private static async Task<SearchGroup> ContactsAsync(IDb db, string query, int page, CancellationToken ct)
    {
        if (EnterpriseSearch.For(query) is not { } search)
        {
            return new SearchGroup(SearchKinds.Contacts, [], page, false);
        }

        var (skip, take) = PickerLimits.Window(page);
        var parameters = new DynamicParameters(new { Skip = skip, Take = take });
        var sql = Sql.Contacts.Replace(ContactIds, "\n  AND ct.Id IN (" + db.Dialect.ContactSearchIds(search, parameters) + ")", StringComparison.Ordinal);
        var rows = await db.QueryAsync<ContactRow>(sql, parameters, ct);
        return Group(SearchKinds.Contacts, page, [.. rows.Select(r => new SearchHit(r.Name,
            string.Join(" · ", new[] { r.Title, r.Phone, r.Email, r.EnterpriseName }.Where(s => !string.IsNullOrWhiteSpace(s))),
            "/Enterprises/Details", Route("id", r.EnterpriseId.ToString(System.Globalization.CultureInfo.InvariantCulture))))]);
    }

    private static SearchGroup FromPicker(string kind, int page, PickerPage found, Func<PickerItem, (string Page, IReadOnlyDictionary<string, string> Route)> link) =>
        new(kind, [.. found.Items.Select(i => { var (target, route) = link(i); return new SearchHit(i.Label, i.Detail, target, route); })], page, found.More);

    // A chain (the pickers' whole-chain choice, id 0) opens the chain; a link (CHAIN:NODE) opens the link's page.
    private static (string Page, IReadOnlyDictionary<string, string> Route) NodePage(PickerItem item)
    {
        var colon = item.Value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? ("/Chains/Details", Route("code", item.Value))
            : ("/Chains/Node", new Dictionary<string, string> { ["code"] = item.Value[..colon], ["node"] = item.Value[(colon + 1)..] });
    }

    private static SearchGroup Group(string kind, int page, IReadOnlyList<SearchHit> rows) =>
        new(kind, [.. rows.Take(PickerLimits.PageSize)], page, rows.Count > PickerLimits.PageSize);

    private static Dictionary<string, string> Route(string key, string value) => new() { [key] = value };

    private const string ContactIds = "/**contacts**/";

    private sealed class ContactRow
    {
        public string Name { get; set; } = "";
        public string? Title { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
        public long EnterpriseId { get; set; }
        public string EnterpriseName { get; set; } = "";
    }

    internal static class Sql
    {
        // 20,000 projects: a scan of code and title within the scope costs a few milliseconds (see bench/).
        public const string Projects = """
            SELECT p.Code, p.Title, p.Stage
            FROM Projects p
            WHERE (p.Code LIKE @Pattern ESCAPE '\' OR p.Title LIKE @Pattern ESCAPE '\') AND
            """ + " " + ProjectScope.Filter + "\nORDER BY p.UpdatedAtUtc DESC, p.Id DESC /**paging**/";

        public const string Enterprises = """
            SELECT e.Id, e.Uscc, e.Name, e.Kind, e.Province, e.City
            FROM Enterprises e
            WHERE 1 = 1
            """ + EnterpriseList.WherePlaceholder + """

            ORDER BY e.Id DESC /**paging**/
            """;

        public const string Contacts = """
            SELECT ct.Name, ct.Title, ct.Phone, ct.Email, e.Id AS EnterpriseId, e.Name AS EnterpriseName
            FROM EnterpriseContacts ct
            JOIN Enterprises e ON e.Id = ct.EnterpriseId
            WHERE 1 = 1
            """ + ContactIds + """

            ORDER BY ct.Id DESC /**paging**/
            """;
    }
}
