using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace InvestmentCrm.Tests.Support;

/// <summary>One step of SQLite's plan (EXPLAIN QUERY PLAN), with the loops that run around it.</summary>
/// <param name="Detail">SQLite's text, e.g. "SEARCH e USING COVERING INDEX IX_Enterprises_Kind_Id (Kind=? AND Id=?)".</param>
/// <param name="Table">The table the step reads, from the statement's aliases; null for steps that read none.</param>
/// <param name="Enclosing">The loops this step runs once per row of, outermost first.</param>
public sealed partial record PlanStep(string Detail, string? Table, IReadOnlyList<PlanStep> Enclosing)
{
    /// <summary>A SCAN or SEARCH: a loop over rows.</summary>
    public bool IsLoop => Detail.StartsWith("SCAN ", StringComparison.Ordinal) || Detail.StartsWith("SEARCH ", StringComparison.Ordinal);

    /// <summary>Finds one row by its key (rowid or Id), as a join from a mapping to its enterprise does.</summary>
    public bool IsKeyLookup => KeyLookup().IsMatch(Detail);

    /// <summary>Reads at most one row: a key lookup, or a unique (ChainId, Code) lookup of a chain node.</summary>
    public bool IsSingleRow => IsKeyLookup || Detail.Contains("(ChainId=? AND Code=?)", StringComparison.Ordinal);

    public override string ToString() => Detail;

    [GeneratedRegex(@"\((?:rowid|Id)=\?\)|\bAND Id=\?\)")]
    private static partial Regex KeyLookup();
}

/// <summary>
/// SQLite's plan of a statement as steps with their enclosing loops. SQLite lists the loops of one SELECT in
/// order, outermost first; a correlated subquery runs once per row of every loop of the SELECT around it, any other
/// subquery or materialised view once. The app runs no ANALYZE, so the plan on the migrated empty schema is the
/// plan on any data (no statistics to change it).
/// </summary>
public static partial class QueryPlans
{
    public static IReadOnlyList<PlanStep> Explain(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in Parameter().Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal))
        {
            command.Parameters.AddWithValue(name, DBNull.Value);
        }

        var rows = new List<(int Id, int Parent, string Detail)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetString(3)));
            }
        }

        var aliases = Aliases(sql);
        var steps = new List<PlanStep>();
        Walk(0, []);
        return steps;

        void Walk(int parent, IReadOnlyList<PlanStep> enclosing)
        {
            var loops = new List<PlanStep>();
            foreach (var row in rows.Where(r => r.Parent == parent))
            {
                var step = new PlanStep(row.Detail, TableOf(row.Detail, aliases), [.. enclosing, .. loops]);
                steps.Add(step);
                if (step.IsLoop)
                {
                    loops.Add(step);
                }

                // A correlated subquery runs for every row of this SELECT's loops; anything else once.
                var correlated = row.Detail.StartsWith("CORRELATED ", StringComparison.Ordinal);
                Walk(row.Id, correlated ? [.. enclosing, .. loops] : enclosing);
            }
        }
    }

    /// <summary>alias → table for "FROM Table alias" and "JOIN Table alias" (with or without AS).</summary>
    private static Dictionary<string, string> Aliases(string sql)
    {
        var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in Source().Matches(sql))
        {
            var table = match.Groups["table"].Value;
            aliases[table] = table;
            if (match.Groups["alias"].Success && !Keyword().IsMatch(match.Groups["alias"].Value))
            {
                aliases[match.Groups["alias"].Value] = table;
            }
        }

        return aliases;
    }

    private static string? TableOf(string detail, Dictionary<string, string> aliases)
    {
        var match = StepTable().Match(detail);
        return match.Success && aliases.TryGetValue(match.Groups[1].Value, out var table) ? table : null;
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\b(?:FROM|JOIN)\s+(?<table>[A-Za-z_]\w*)(?:\s+(?:AS\s+)?(?<alias>[A-Za-z_]\w*))?", RegexOptions.IgnoreCase)]
    private static partial Regex Source();

    [GeneratedRegex(@"^(?:ON|WHERE|JOIN|LEFT|INNER|CROSS|GROUP|ORDER|LIMIT|UNION|SET|USING|AND|OR)$", RegexOptions.IgnoreCase)]
    private static partial Regex Keyword();

    [GeneratedRegex(@"^(?:SCAN|SEARCH) (\w+)")]
    private static partial Regex StepTable();
}
