using System.Data;
using System.Data.Common;
using System.Text.RegularExpressions;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Enterprises;

public sealed partial class EnterpriseWriter
{
    /// <summary>
    /// A command created once per import and executed for every row with new parameter values: SQLite keeps the
    /// statement compiled, SQL Server reuses the plan of the parameterized batch.
    /// </summary>
    private sealed partial class Statement : IAsyncDisposable
    {
        private readonly DbCommand command;
        private readonly Dictionary<string, DbParameter> parameters = new(StringComparer.Ordinal);

        public Statement(DbSession session, string sql)
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

        public Statement Set(string name, object? value)
        {
            var parameter = parameters[name];
            switch (value)
            {
                case DateTime time:
                    parameter.DbType = DbType.DateTime2;
                    parameter.Value = time;
                    break;
                case decimal number:
                    parameter.DbType = DbType.Decimal;
                    parameter.Value = number;
                    break;
                case bool flag:
                    parameter.DbType = DbType.Boolean;
                    parameter.Value = flag;
                    break;
                // Uscc is char(18) on SQL Server: matching its type keeps the lookup by USCC an index seek.
                case string text when name == "Uscc":
                    parameter.DbType = DbType.AnsiStringFixedLength;
                    parameter.Size = Domain.Uscc.Length;
                    parameter.Value = text;
                    break;
                case string text:
                    parameter.DbType = DbType.String;
                    parameter.Value = text;
                    break;
                default:
                    parameter.Value = value ?? DBNull.Value;
                    break;
            }

            return this;
        }

        public Task<int> ExecuteAsync() => command.ExecuteNonQueryAsync();

        public Task<object?> ScalarAsync() => command.ExecuteScalarAsync();

        public async Task<T?> QuerySingleAsync<T>(Func<DbDataReader, T> read)
            where T : class
        {
            await using var reader = await command.ExecuteReaderAsync();
            return await reader.ReadAsync() ? read(reader) : null;
        }

        public async Task<List<T>> ListAsync<T>(Func<DbDataReader, T> read)
        {
            var list = new List<T>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                list.Add(read(reader));
            }

            return list;
        }

        public ValueTask DisposeAsync() => command.DisposeAsync();

        [GeneratedRegex(@"@([A-Za-z_][A-Za-z0-9_]*)")]
        private static partial Regex ParameterName();
    }
}
