using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace InvestmentCrm.Tests.Features.Enterprises;

/// <summary>
/// The list's statements are completed at run time with the filter conditions and a sort column; the generic SQL
/// check sees them without either, so here every condition and every sort goes in at once, for both databases.
/// </summary>
public sealed class EnterpriseListSqlTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static string AllConditions(ISqlDialect dialect) =>
        string.Concat(EnterpriseList.Conditions.All)
        + string.Concat(SqlStatements.SearchSamples.Select(s => EnterpriseSearch.Condition(dialect, s.Search, new Dapper.DynamicParameters())));

    public static TheoryData<string> Sorts() => new(EnterpriseList.SortColumns.Keys);

    private static IEnumerable<(string Name, string Sql)> Statements(string orderBy) =>
    [
        ("Count", EnterpriseList.Sql.Count),
        ("Page", SqlText.OrderBy(EnterpriseList.Sql.Page, orderBy)),
        ("ExportEnterprises", EnterpriseList.Sql.ExportEnterprises),
        ("ExportQualifications", EnterpriseList.Sql.ExportQualifications),
        ("ExportNodes", EnterpriseList.Sql.ExportNodes),
        ("ExportContacts", EnterpriseList.Sql.ExportContacts),
    ];

    [Theory]
    [MemberData(nameof(Sorts))]
    public void Every_filter_and_sort_parses_as_t_sql(string sort)
    {
        var (_, _, orderBy) = EnterpriseList.OrderBy("-" + sort);
        foreach (var (name, sql) in Statements(orderBy))
        {
            var text = SqlText.Render(sql.Replace(EnterpriseList.WherePlaceholder, AllConditions(SqlServerDialect.Instance), StringComparison.Ordinal), SqlServerDialect.Instance);
            new TSql150Parser(initialQuotedIdentifiers: true).Parse(new StringReader(text), out var errors);
            Assert.True(errors.Count == 0, $"{name}: {string.Join("; ", errors.Select(e => e.Message))}\n{text}");
        }
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public void Every_filter_and_sort_compiles_on_sqlite(string sort)
    {
        var (_, _, orderBy) = EnterpriseList.OrderBy(sort);
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        foreach (var (name, sql) in Statements(orderBy))
        {
            using var command = connection.CreateCommand();
            command.CommandText = SqlText.Render(sql.Replace(EnterpriseList.WherePlaceholder, AllConditions(SqliteDialect.Instance), StringComparison.Ordinal), SqliteDialect.Instance);
            var ex = Record.Exception(command.Prepare);
            Assert.True(ex is null, $"{name}: {ex?.Message}\n{command.CommandText}");
        }
    }

    [Fact]
    public void The_list_query_reads_a_sorted_page_from_an_index_not_a_temporary_sort()
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        foreach (var (sort, conditions) in new[] { ("name", ""), ("-name", ""), ("-revenue", EnterpriseList.Conditions.Kind), ("-updated", EnterpriseList.Conditions.Kind), ("capital", ""), ("-employees", "") })
        {
            var (_, _, orderBy) = EnterpriseList.OrderBy(sort);
            using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + SqlText.Render(SqlText.OrderBy(EnterpriseList.Sql.Page, orderBy).Replace(EnterpriseList.WherePlaceholder, conditions, StringComparison.Ordinal), SqliteDialect.Instance);
            command.Parameters.AddWithValue("@Kind", "local");
            command.Parameters.AddWithValue("@Skip", 0);
            command.Parameters.AddWithValue("@Take", 25);
            var plan = new List<string>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    plan.Add(reader.GetString(3));
                }
            }

            Assert.DoesNotContain(plan, step => step.Contains("USE TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal));
            Assert.Contains(plan, step => step.Contains("INDEX IX_Enterprises_", StringComparison.Ordinal));
        }
    }
}
