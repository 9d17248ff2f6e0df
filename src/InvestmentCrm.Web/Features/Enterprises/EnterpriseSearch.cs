using Dapper;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>
/// One search of enterprises for the list, its exports and the enterprise picker: part of the name (spaces and
/// bracket variants ignored, as <see cref="EnterpriseName.Key"/>), part of the main products, or the start of the
/// USCC. The database answers it from an index (<see cref="ISqlDialect.EnterpriseSearchIds"/>).
/// </summary>
public static class EnterpriseSearch
{
    /// <summary>Longer queries are cut: no name or product list is this long, and the index need not read more.</summary>
    public const int MaxLength = 100;

    /// <summary>What <paramref name="query"/> looks for; null when it holds nothing to look for.</summary>
    public static TextSearch? For(string? query)
    {
        var text = query?.Trim() ?? "";
        if (text.Length > MaxLength)
        {
            text = text[..MaxLength].Trim();
        }

        var key = EnterpriseName.Key(text);
        if (text.Length == 0 || key.Length == 0)
        {
            return null;
        }

        var uscc = Uscc.Normalize(text);
        var usccPrefix = uscc.Length <= 18 && uscc.All(char.IsAsciiLetterOrDigit) ? uscc : null;
        return new TextSearch(key, text, usccPrefix);
    }

    /// <summary>The condition over <c>Enterprises e</c>, starting with AND; adds its parameters.</summary>
    public static string Condition(ISqlDialect dialect, TextSearch search, DynamicParameters parameters) =>
        "\n  AND e.Id IN (" + dialect.EnterpriseSearchIds(search, parameters) + ")";
}
