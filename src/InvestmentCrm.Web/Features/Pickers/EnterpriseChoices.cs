using Dapper;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Pickers;

/// <summary>An enterprise as a picker shows it.</summary>
public sealed record EnterpriseChoice(long Id, string Uscc, string Name, string Kind, string? Province, string? City);

/// <summary>What typed text (a USCC or a full name) names: one enterprise, none, or several with that name.</summary>
public sealed record EnterpriseResolution(EnterpriseChoice? Found, int SameName);

/// <summary>
/// Enterprises for the project form's picker: the registry holds 100,000 of them, so the form shows the chosen one
/// with its name, searches the rest through <see cref="EnterpriseSearch"/>, and accepts a typed USCC or full name when
/// the browser runs no script. The registry is every signed-in user's, so nothing here depends on the reader.
/// </summary>
public static class EnterpriseChoices
{
    public static Task<EnterpriseChoice?> ByIdAsync(IDb db, long id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<EnterpriseChoice>(Sql.ById, new { Id = id }, ct);

    /// <summary>A USCC (any case, full-width too) or a name, compared as <see cref="EnterpriseName.Key"/>.</summary>
    public static async Task<EnterpriseResolution> ResolveAsync(IDb db, string text, CancellationToken ct)
    {
        var uscc = Uscc.Normalize(text);
        if (await db.QuerySingleOrDefaultAsync<EnterpriseChoice>(Sql.ByUscc, new { Uscc = uscc }, ct) is { } byUscc)
        {
            return new EnterpriseResolution(byUscc, 0);
        }

        var byName = await db.QueryAsync<EnterpriseChoice>(Sql.ByNameKey, new { NameKey = EnterpriseName.Key(text) }, ct);
        return byName.Count == 1 ? new EnterpriseResolution(byName[0], 1) : new EnterpriseResolution(null, byName.Count);
    }

    /// <summary>The enterprises of <paramref name="ids"/> that exist (at most <paramref name="max"/>), by name.</summary>
    public static async Task<IReadOnlyList<EnterpriseChoice>> ByIdsAsync(IDb db, IEnumerable<long> ids, int max, CancellationToken ct)
    {
        var found = new List<EnterpriseChoice>();
        foreach (var id in ids.Distinct().Take(max))
        {
            if (await ByIdAsync(db, id, ct) is { } enterprise)
            {
                found.Add(enterprise);
            }
        }

        return [.. found.OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Id)];
    }

    /// <summary>
    /// The form's ticked enterprise ids plus those typed into <paramref name="typedKey"/> (USCCs or full names separated
    /// by commas, semicolons or new lines, full-width too); null, with a message under that field naming what was not
    /// found (or names several), when any names no single enterprise (the text then stays).
    /// </summary>
    public static async Task<List<long>?> AddTypedAsync(IDb db, IEnumerable<long> ticked, string? typed, string typedKey, int max,
        ModelStateDictionary modelState, IStringLocalizer l, CancellationToken ct)
    {
        var found = new List<long>();
        var unknown = new List<string>();
        var parts = (typed ?? "").Split([',', ';', '，', '；', '、', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var text in parts.Distinct(StringComparer.Ordinal).Take(max + 1))
        {
            var resolved = await ResolveAsync(db, text, ct);
            if (resolved.Found is { } enterprise)
            {
                found.Add(enterprise.Id);
            }
            else
            {
                unknown.Add(text);
            }
        }

        if (unknown.Count > 0)
        {
            modelState.AddModelError(typedKey, l["Pickers.Error.UnknownEnterprises", string.Join("、", unknown)]);
            return null;
        }

        return [.. ticked.Concat(found).Distinct()];
    }

    public static async Task<PickerPage> SearchAsync(IDb db, IStringLocalizer l, string query, int page, CancellationToken ct)
    {
        var (skip, take) = PickerLimits.Window(page);
        var parameters = new DynamicParameters(new { Skip = skip, Take = take });
        var condition = EnterpriseSearch.For(query) is { } search ? EnterpriseSearch.Condition(db.Dialect, search, parameters) : "";
        var rows = await db.QueryAsync<EnterpriseChoice>(Sql.Search.Replace(EnterpriseList.WherePlaceholder, condition, StringComparison.Ordinal), parameters, ct);
        return PickerLimits.PageOf([.. rows.Select(e => Item(l, e))]);
    }

    public static PickerItem Item(IStringLocalizer l, EnterpriseChoice e) =>
        new(e.Uscc, e.Id, e.Name, string.Join(" · ", new[] { e.Uscc, EnterpriseText.Region(e.Province, e.City, null), l["Enterprises.Kind." + e.Kind].Value }.Where(s => !string.IsNullOrEmpty(s))));

    internal static class Sql
    {
        private const string Select = "SELECT e.Id, e.Uscc, e.Name, e.Kind, e.Province, e.City FROM Enterprises e";

        public const string ById = Select + " WHERE e.Id = @Id";

        public const string ByUscc = Select + " WHERE e.Uscc = @Uscc";

        public const string ByNameKey = Select + " WHERE e.NameKey = @NameKey ORDER BY e.Id";

        public const string Search = Select + "\nWHERE 1 = 1 " + EnterpriseList.WherePlaceholder + "\nORDER BY e.Name, e.Id /**paging**/";
    }
}
