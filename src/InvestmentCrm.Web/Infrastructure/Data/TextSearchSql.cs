using Dapper;

namespace InvestmentCrm.Web.Infrastructure.Data;

/// <summary>
/// The statements behind <see cref="ISqlDialect.EnterpriseSearchIds"/>. Not in a nested <c>Sql</c> class, because each
/// dialect's pieces are valid only in its own SQL; the test support renders samples of both (SqlStatements).
/// </summary>
public static class TextSearchSql
{
    /// <summary>Above every character, so that <c>term &lt; prefix + Last</c> bounds the terms that start with prefix
    /// (SQLite compares text as UTF-8 bytes).</summary>
    private const string Last = "\U0010FFFF";

    private const string SqliteMatch = "SELECT rowid FROM EnterpriseSearch WHERE EnterpriseSearch MATCH @SearchMatch";

    // A query shorter than a trigram: the terms that start with it are exactly its occurrences (see migration 0019).
    private const string SqliteNameTerms = "SELECT doc FROM EnterpriseSearchTerms WHERE term >= @NameFrom AND term < @NameTo AND col = 'NameKey'";
    private const string SqliteProductTerms = "SELECT doc FROM EnterpriseSearchTerms WHERE term >= @ProductsFrom AND term < @ProductsTo AND col = 'MainProducts'";
    private const string SqliteUscc = "SELECT Id FROM Enterprises WHERE Uscc >= @UsccFrom AND Uscc < @UsccTo";

    private const string SqlServerText = """
        SELECT Id FROM Enterprises WHERE NameKey LIKE @NamePattern ESCAPE '\' OR MainProducts LIKE @ProductsPattern ESCAPE '\'
        """;

    private const string SqlServerUscc = "SELECT Id FROM Enterprises WHERE Uscc LIKE @UsccPattern ESCAPE '\\'";

    public static string Sqlite(TextSearch search, DynamicParameters parameters)
    {
        var parts = new List<string>();
        var phrases = new List<string>();
        Column("NameKey", search.NameKey, SqliteNameTerms, "Name", parts, phrases, parameters);
        Column("MainProducts", search.Text, SqliteProductTerms, "Products", parts, phrases, parameters);
        if (phrases.Count > 0)
        {
            parts.Add(SqliteMatch);
            parameters.Add("SearchMatch", string.Join(" OR ", phrases));
        }

        if (search.UsccPrefix is { } prefix)
        {
            parts.Add(SqliteUscc);
            parameters.Add("UsccFrom", prefix);
            parameters.Add("UsccTo", prefix + Last);
        }

        return string.Join("\n  UNION ", parts);
    }

    // A trigram phrase for three characters or more; otherwise the range of the index's terms that start with the text.
    private static void Column(string column, string text, string termsSql, string prefix, List<string> parts, List<string> phrases, DynamicParameters parameters)
    {
        var folded = text.ToLowerInvariant();
        if (Length(folded) >= 3)
        {
            phrases.Add("{" + column + "} : " + Phrase(folded));
            return;
        }

        parts.Add(termsSql);
        parameters.Add(prefix + "From", folded);
        parameters.Add(prefix + "To", folded + Last);
    }

    public static string SqlServer(TextSearch search, DynamicParameters parameters)
    {
        parameters.Add("NamePattern", "%" + EscapeLike(search.NameKey) + "%");
        parameters.Add("ProductsPattern", "%" + EscapeLike(search.Text) + "%");
        if (search.UsccPrefix is not { } prefix)
        {
            return SqlServerText;
        }

        parameters.Add("UsccPattern", EscapeLike(prefix) + "%");
        return SqlServerText + "\n  UNION " + SqlServerUscc;
    }

    /// <summary>With ESCAPE '\' both databases take \%, \_ and \[ literally (SQL Server treats [ as a set otherwise).</summary>
    public static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal);

    // An FTS5 string: everything between double quotes is text (a doubled quote is one quote), so no query operator
    // or column filter can come from the user.
    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // The trigram tokenizer counts characters (code points), not UTF-16 units.
    private static int Length(string text) => text.EnumerateRunes().Count();
}
