using Dapper;

namespace InvestmentCrm.Web.Infrastructure.Data;

/// <summary>
/// The statements behind <see cref="ISqlDialect.EnterpriseSearchIds"/> and <see cref="ISqlDialect.ContactSearchIds"/>.
/// Not in a nested <c>Sql</c> class, because each dialect's pieces are valid only in its own SQL; the test support
/// renders samples of both (SqlStatements).
/// </summary>
public static class TextSearchSql
{
    /// <summary>Above every character, so that <c>term &lt; prefix + Last</c> bounds the terms that start with prefix
    /// (SQLite compares text as UTF-8 bytes).</summary>
    private const string Last = "\U0010FFFF";

    /// <summary>What a phone number may hold besides digits; the index keeps the digits only (migration 0025).</summary>
    private const string PhonePunctuation = "-+() .";

    private const string SqliteUscc = "SELECT Id FROM Enterprises WHERE Uscc >= @UsccFrom AND Uscc < @UsccTo";

    // Enterprises are also found by their contacts (/enterprises, the pickers, search everywhere).
    private const string SqliteContactEnterprises = "SELECT EnterpriseId FROM EnterpriseContacts WHERE Id IN (";

    private const string SqlServerText = """
        SELECT Id FROM Enterprises WHERE NameKey LIKE @NamePattern ESCAPE '\' OR MainProducts LIKE @ProductsPattern ESCAPE '\'
        """;

    private const string SqlServerUscc = "SELECT Id FROM Enterprises WHERE Uscc LIKE @UsccPattern ESCAPE '\\'";

    private const string SqlServerContacts = """
        SELECT Id FROM EnterpriseContacts
        WHERE (@ContactPattern IS NOT NULL AND Name LIKE @ContactPattern ESCAPE '\') OR (@EmailPattern IS NOT NULL AND Email LIKE @EmailPattern ESCAPE '\')
           OR (@PhonePattern IS NOT NULL AND REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(Phone, '-', ''), ' ', ''), '+', ''), '(', ''), ')', ''), '.', '') LIKE @PhonePattern)
        """;

    public static string Sqlite(TextSearch search, DynamicParameters parameters)
    {
        var text = SqliteIndex("EnterpriseSearch", "EnterpriseSearchTerms", [("NameKey", search.NameKey, "Name"), ("MainProducts", search.Text, "Products")], "SearchMatch", parameters);
        var parts = new List<string> { text };
        if (search.ByContacts)
        {
            parts.Add(SqliteContactEnterprises + SqliteContacts(search, parameters) + ")");
        }

        if (search.UsccPrefix is { } prefix)
        {
            parts.Add(SqliteUscc);
            parameters.Add("UsccFrom", prefix);
            parameters.Add("UsccTo", prefix + Last);
        }

        return string.Join("\n  UNION ", parts);
    }

    public static string SqliteContacts(TextSearch search, DynamicParameters parameters) =>
        // Only a name can be shorter than a trigram here (phones and e-mails are searched from three characters on), so
        // short queries read the terms of the names' own index (migration 0030).
        SqliteIndex("ContactSearch", "ContactNameSearchTerms", [("Name", NameText(search.Text), "ContactName"), ("Phone", PhoneDigits(search.Text), "ContactPhone"), ("Email", EmailText(search.Text), "ContactEmail")],
            "ContactMatch", parameters);

    /// <summary>Phones and e-mails are searched from three characters on: "1" or "a" occur in nearly every one of
    /// them, which would read the whole index for a list nobody wants.</summary>
    private const int ContactDetailMinLength = 3;

    private static string? EmailText(string text) => Length(text) >= ContactDetailMinLength ? text : null;

    /// <summary>A query of digits (and phone punctuation) looks for a phone, not a name. Searching names for it too
    /// would read every index term starting with "1" of the 200,000 phones for a one-digit query (the index's short
    /// query reads terms by prefix in all columns at once): 50 ms for nothing a name holds.</summary>
    private static string? NameText(string text) => LooksLikePhone(text) ? null : text;

    /// <summary>The rowids of a trigram index (migrations 0019, 0025) where any column contains its text; a column whose
    /// text is null is not searched. A text shorter than a trigram is looked up in <paramref name="terms"/>, the term
    /// table (fts5vocab) of an index holding that column.</summary>
    private static string SqliteIndex(string index, string terms, IEnumerable<(string Column, string? Text, string Prefix)> columns, string matchParameter, DynamicParameters parameters)
    {
        var parts = new List<string>();
        var phrases = new List<string>();
        foreach (var (column, text, prefix) in columns)
        {
            if (text is null)
            {
                continue;
            }

            // A trigram phrase for three characters or more; otherwise the range of the index's terms that start with
            // the text (a query shorter than a trigram: those terms are exactly its occurrences, see migration 0019).
            var folded = text.ToLowerInvariant();
            if (Length(folded) >= 3)
            {
                phrases.Add("{" + column + "} : " + Phrase(folded));
                continue;
            }

            parts.Add($"SELECT doc FROM {terms} WHERE term >= @{prefix}From AND term < @{prefix}To AND col = '{column}'");
            parameters.Add(prefix + "From", folded);
            parameters.Add(prefix + "To", folded + Last);
        }

        if (phrases.Count > 0)
        {
            parts.Add($"SELECT rowid FROM {index} WHERE {index} MATCH @{matchParameter}");
            parameters.Add(matchParameter, string.Join(" OR ", phrases));
        }

        // No column to search (a one-digit query of contacts: too short for a phone, and names hold no digits).
        return parts.Count == 0 ? $"SELECT rowid FROM {index} WHERE 0 = 1" : string.Join("\n  UNION ", parts);
    }

    public static string SqlServer(TextSearch search, DynamicParameters parameters)
    {
        parameters.Add("NamePattern", "%" + EscapeLike(search.NameKey) + "%");
        parameters.Add("ProductsPattern", "%" + EscapeLike(search.Text) + "%");
        var sql = search.ByContacts
            ? SqlServerText + "\n  UNION SELECT EnterpriseId FROM EnterpriseContacts WHERE Id IN (" + SqlServerContactIds(search, parameters) + ")"
            : SqlServerText;
        if (search.UsccPrefix is not { } prefix)
        {
            return sql;
        }

        parameters.Add("UsccPattern", EscapeLike(prefix) + "%");
        return sql + "\n  UNION " + SqlServerUscc;
    }

    public static string SqlServerContactIds(TextSearch search, DynamicParameters parameters)
    {
        parameters.Add("ContactPattern", NameText(search.Text) is { } name ? "%" + EscapeLike(name) + "%" : null);
        parameters.Add("EmailPattern", EmailText(search.Text) is { } email ? "%" + EscapeLike(email) + "%" : null);
        parameters.Add("PhonePattern", PhoneDigits(search.Text) is { } digits ? "%" + digits + "%" : null);
        return SqlServerContacts;
    }

    /// <summary>The digits of a query that looks like (part of) a phone number, as the phone index holds them; null
    /// for any other query, which then does not search phones.</summary>
    public static string? PhoneDigits(string text)
    {
        if (!LooksLikePhone(text))
        {
            return null;
        }

        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        return digits.Length >= ContactDetailMinLength ? digits : null;
    }

    private static bool LooksLikePhone(string text) =>
        text.Any(char.IsAsciiDigit) && text.All(c => char.IsAsciiDigit(c) || PhonePunctuation.Contains(c, StringComparison.Ordinal));

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
