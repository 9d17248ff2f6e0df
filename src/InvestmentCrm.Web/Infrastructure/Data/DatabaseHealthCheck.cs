using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace InvestmentCrm.Web.Infrastructure.Data;

/// <summary>
/// /health answers 200 only when the database answers, and answers quickly when it does not: a load balancer asks
/// often and gives up soon, so the check connects with its own short timeout (SQL Server's default is 15 s, and a
/// server that accepts TCP but never answers would hold each probe that long), without connection retries.
/// </summary>
public sealed class DatabaseHealthCheck(Db db) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout + TimeSpan.FromSeconds(2));
            await using System.Data.Common.DbConnection connection = db.Provider == DatabaseProvider.SqlServer
                ? new SqlConnection(SqlServerConnectionString(db.ConnectionString))
                : new SqliteConnection(db.ConnectionString);
            await connection.OpenAsync(timeout.Token);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition(Sql.Probe, commandTimeout: (int)Timeout.TotalSeconds, cancellationToken: timeout.Token));
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The database is not reachable.", ex);
        }
    }

    /// <summary>The app's connection string with the check's connect timeout (never longer than configured) and no retries.</summary>
    public static string SqlServerConnectionString(string connectionString)
    {
        var builder = new SqlConnectionStringBuilder(connectionString);
        builder.ConnectTimeout = Math.Min(builder.ConnectTimeout, (int)Timeout.TotalSeconds);
        builder.ConnectRetryCount = 0;
        return builder.ConnectionString;
    }

    internal static class Sql
    {
        public const string Probe = "SELECT COUNT(*) FROM SchemaJournal";
    }
}
