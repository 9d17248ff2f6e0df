using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace InvestmentCrm.Web.Infrastructure.Data;

/// <summary>/health answers 200 only when the database answers.</summary>
public sealed class DatabaseHealthCheck(IDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM SchemaJournal", ct: timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The database is not reachable.", ex);
        }
    }
}
