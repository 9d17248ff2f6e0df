using System.Data;
using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;

namespace InvestmentCrm.Web.Infrastructure.Data;

/// <summary>
/// A command created once per transaction and executed for every row with new parameter values: SQLite keeps the
/// statement compiled, SQL Server reuses the plan of the parameterized batch. For bulk writes (the enterprise import),
/// where Dapper would build a new command for every call. Rows are read by column name with Dapper's own row parser,
/// so the type handlers of <see cref="DbTypeHandlers"/> apply as in every other query.
/// </summary>
public sealed partial class PreparedStatement : IAsyncDisposable
{
    private readonly DbCommand command;
    private readonly Dictionary<string, DbParameter> parameters = new(StringComparer.Ordinal);
    private readonly HashSet<string> typed = new(StringComparer.Ordinal);

    public PreparedStatement(DbSession session, string sql)
    {
        command = session.Connection.CreateCommand();
        command.Transaction = session.Transaction;
        command.CommandText = SqlText.Render(sql, session.Dialect);
        foreach (var name in ParameterName().Matches(sql).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
            parameters[name] = parameter;
        }
    }

    /// <summary>
    /// Declares a parameter compared with a char(<paramref name="length"/>) column: on SQL Server an nvarchar
    /// parameter would convert the column and turn an index seek into a scan. Ignored when the SQL lacks it.
    /// </summary>
    public PreparedStatement FixedAnsi(string name, int length)
    {
        if (parameters.TryGetValue(name, out var parameter))
        {
            parameter.DbType = DbType.AnsiStringFixedLength;
            parameter.Size = length;
            typed.Add(name);
        }

        return this;
    }

    public PreparedStatement Set(string name, object? value)
    {
        var parameter = parameters[name];
        DbType? type = value switch
        {
            DateTime => DbType.DateTime2,
            decimal => DbType.Decimal,
            bool => DbType.Boolean,
            string => DbType.String,
            _ => null,  // other values (numbers, null) keep the type the provider infers
        };
        if (type is { } known && !typed.Contains(name))
        {
            parameter.DbType = known;
        }

        parameter.Value = value ?? DBNull.Value;
        return this;
    }

    public Task<int> ExecuteAsync() => command.ExecuteNonQueryAsync();

    public Task<object?> ScalarAsync() => command.ExecuteScalarAsync();

    /// <summary>The first row, mapped by column name as Dapper maps it; default when there is none.</summary>
    public async Task<T?> QueryFirstAsync<T>()
    {
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Parser<T>(reader)(reader) : default;
    }

    public async Task<List<T>> ListAsync<T>()
    {
        var list = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            var parse = Parser<T>(reader);
            do
            {
                list.Add(parse(reader));
            }
            while (await reader.ReadAsync());
        }

        return list;
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();

    // Dapper's generic GetRowParser<T> fails to cast its parser for simple types (string, long); the untyped one works for all.
    private static Func<DbDataReader, T> Parser<T>(DbDataReader reader)
    {
        var parse = reader.GetRowParser(typeof(T));
        return r => (T)parse(r);
    }

    [GeneratedRegex(@"@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ParameterName();
}
