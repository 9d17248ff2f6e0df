using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;

namespace InvestmentCrm.Bench.Floor;

/// <summary>
/// The app's SQL statements, read from its compiled assembly by name, with the placeholders filled exactly as the
/// app fills them for SQLite (its SqlText and SqliteDialect), so the floor runs the very text the page runs.
/// </summary>
public sealed class Statements(Assembly app)
{
    private const string Root = "InvestmentCrm.Web.";
    private readonly ConcurrentDictionary<string, string> cache = new(StringComparer.Ordinal);
    private readonly string orderByPlaceholder = Constant(app, Root + "Infrastructure.Data.SqlText", "OrderByPlaceholder");
    private readonly string pagingPlaceholder = Constant(app, Root + "Infrastructure.Data.SqlText", "Paging");
    private readonly string paging = SqlitePaging(app);

    /// <summary>"Features.Chains.DetailsModel.Figures" → the Figures constant of DetailsModel's nested Sql class.</summary>
    public string Get(string name, string orderBy)
    {
        var sql = cache.GetOrAdd(name, key =>
        {
            var dot = key.LastIndexOf('.');
            if (dot <= 0)
            {
                throw new ArgumentException($"'{key}' is not Namespace.Type.Constant", nameof(name));
            }

            return Constant(app, Root + key[..dot] + "+Sql", key[(dot + 1)..]);
        });
        if (sql.Contains(orderByPlaceholder, StringComparison.Ordinal))
        {
            if (orderBy.Length == 0)
            {
                throw new ArgumentException($"'{name}' has an ORDER BY placeholder: pass orderby=", nameof(orderBy));
            }

            sql = sql.Replace(orderByPlaceholder, orderBy, StringComparison.Ordinal);
        }

        return sql.Replace(pagingPlaceholder, paging, StringComparison.Ordinal);
    }

    /// <summary>A query-string value as the app would bind it: integers as integers, empty as NULL, else text.</summary>
    public static object? Parameter(string value) =>
        value.Length == 0 ? null
        : long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number
        : value;

    private static string Constant(Assembly app, string typeName, string fieldName)
    {
        var type = app.GetType(typeName, throwOnError: false)
            ?? throw new ArgumentException($"The app has no type {typeName}");
        var field = type.GetField(fieldName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new ArgumentException($"{typeName} has no statement {fieldName}");
        return (field.IsLiteral ? field.GetRawConstantValue() : field.GetValue(null)) as string
            ?? throw new ArgumentException($"{typeName}.{fieldName} is not a string");
    }

    private static string SqlitePaging(Assembly app)
    {
        var dialect = app.GetType(Root + "Infrastructure.Data.SqliteDialect", throwOnError: true)!;
        var instance = dialect.GetField("Instance", BindingFlags.Public | BindingFlags.Static)!.GetValue(null);
        return (string)dialect.GetProperty("Paging")!.GetValue(instance)!;
    }
}
