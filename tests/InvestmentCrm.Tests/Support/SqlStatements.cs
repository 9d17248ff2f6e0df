using System.Reflection;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Tests.Support;

/// <summary>
/// Every SQL statement of the app: the public and internal <c>const string</c>s of each nested <c>Sql</c> class
/// (private ones are fragments the statements are built from), rendered for a dialect, with a sample ORDER BY.
/// </summary>
public static class SqlStatements
{
    public static IReadOnlyList<(string Name, string Sql)> All(ISqlDialect dialect) =>
        typeof(Db).Assembly.GetTypes()
            .Where(t => t is { Name: "Sql", IsNested: true, IsAbstract: true, IsSealed: true })
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .Where(f => f is { IsLiteral: true, IsPrivate: false } && f.FieldType == typeof(string))
                .Select(f => ($"{t.DeclaringType!.FullName}.{f.Name}", (string)f.GetRawConstantValue()!)))
            .Select(s => (s.Item1, SqlText.Render(SqlText.OrderBy(s.Item2, "1"), dialect)))
            .Concat(DialectStatements(dialect))
            .OrderBy(s => s.Item1, StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<(string, string)> DialectStatements(ISqlDialect dialect)
    {
        yield return ($"{dialect.Name}.CreateMigrationJournal", dialect.CreateMigrationJournal);
        yield return ($"{dialect.Name}.SelectNewId", dialect.SelectNewId);
        if (dialect.MigrationLock.Length > 0)
        {
            yield return ($"{dialect.Name}.MigrationLock", dialect.MigrationLock);
        }

        foreach (var (name, search) in SearchSamples)
        {
            yield return ($"{dialect.Name}.EnterpriseSearchIds.{name}", dialect.EnterpriseSearchIds(search, new Dapper.DynamicParameters()));
            yield return ($"{dialect.Name}.ContactSearchIds.{name}", dialect.ContactSearchIds(search, new Dapper.DynamicParameters()));
        }
    }

    /// <summary>A search of every shape the dialects write: trigram matches, queries shorter than a trigram, one of each,
    /// and a USCC prefix.</summary>
    public static IReadOnlyList<(string Name, TextSearch Search)> SearchSamples { get; } =
    [
        ("Long", new TextSearch("台州恒达", "台州恒达", null)),
        ("Short", new TextSearch("恒达", "恒达", null)),
        ("ShortName", new TextSearch("ab", "a b", null)),
        ("Uscc", new TextSearch("91331002", "91331002", "91331002")),
        ("Phone", new TextSearch("0576-881", "0576-881", null)),
        ("Email", new TextSearch("zhang@example", "zhang@example", null)),
    ];
}
