using System.Net;
using System.Net.Sockets;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace InvestmentCrm.Tests.Infrastructure.Data;

/// <summary>/health on SQL Server: a server that takes the connection and never answers is reported by the check's own short timeout.</summary>
public sealed class DatabaseHealthCheckTests
{
    [Fact]
    public void The_check_connects_with_its_own_short_timeout_and_no_retries()
    {
        var configured = "Server=db;Database=InvestmentCrm;User Id=crm;Password=x;TrustServerCertificate=True;Connect Timeout=30";

        var probe = new SqlConnectionStringBuilder(DatabaseHealthCheck.SqlServerConnectionString(configured));

        Assert.Equal((3, 0, "db", "InvestmentCrm"), (probe.ConnectTimeout, probe.ConnectRetryCount, probe.DataSource, probe.InitialCatalog));
        Assert.Equal(1, new SqlConnectionStringBuilder(DatabaseHealthCheck.SqlServerConnectionString(configured.Replace("30", "1", StringComparison.Ordinal))).ConnectTimeout);
    }

    [Fact]
    public async Task A_sql_server_that_never_answers_makes_the_check_unhealthy_by_its_own_timeout()
    {
        // Accepts TCP connections on loopback and never says a word, like a hung server behind a live port.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    accepted.Add(await silent.AcceptTcpClientAsync());
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // stopped
            }
        });
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var db = new Db(new DatabaseOptions
        {
            Provider = DatabaseProvider.SqlServer,
            ConnectionString = $"Server=127.0.0.1,{port};Database=crm;User Id=crm;Password=x;Encrypt=False;Connect Timeout=30",
        });

        var result = await new DatabaseHealthCheck(db).CheckHealthAsync(new HealthCheckContext()).WaitAsync(TimeSpan.FromSeconds(60));

        // Ended by one of the check's own two timeouts: the driver's 3 s connect timeout, or, when a loaded machine
        // (scripts/test-at-hours.sh, beside CPU hogs) lets that fire late, the check's cancellation 2 s after it.
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.True(
            result.Exception is SqlException sql && sql.Message.Contains("Connection Timeout Expired", StringComparison.Ordinal)
                || result.Exception is OperationCanceledException,
            $"Expected the connect timeout or the check's cancellation, got: {result.Exception}");
        silent.Stop();
        await accepting;
        accepted.ForEach(c => c.Dispose());
    }
}
