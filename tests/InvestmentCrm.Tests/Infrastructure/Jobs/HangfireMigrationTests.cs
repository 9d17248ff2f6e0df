using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace InvestmentCrm.Tests.Infrastructure.Jobs;

/// <summary>A database migrated and used by the previous version (jobs in the QRTZ_ tables, JobRuns) upgrades cleanly.</summary>
public sealed class HangfireMigrationTests : IDisposable
{
    private readonly TempDirectory folder = new("crm-upgrade");
    private readonly Db db;

    public HangfireMigrationTests()
    {
        db = new Db(new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = SqliteDialect.NormalizeConnectionString($"Data Source={folder.File("old.db")}", folder.Path),
        });
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Upgrading_drops_the_old_job_tables_and_keeps_the_mail_and_documents()
    {
        var migrator = new Migrator(db, NullLogger<Migrator>.Instance);
        var scripts = Migrator.EmbeddedScripts(db.Dialect);
        await migrator.MigrateAsync([.. scripts.Where(s => string.CompareOrdinal(s.Name, "0009") < 0)]);
        // What the previous version left: a stored job with its trigger, a run, a queued mail and a document request.
        await db.ExecuteAsync("""
            INSERT INTO QRTZ_JOB_DETAILS (SCHED_NAME, JOB_NAME, JOB_GROUP, JOB_CLASS_NAME, IS_DURABLE, IS_NONCONCURRENT, IS_UPDATE_DATA, REQUESTS_RECOVERY)
            VALUES ('crm', 'weekly-digest', 'app', 'DigestJob', 1, 1, 0, 1);
            INSERT INTO QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP, JOB_NAME, JOB_GROUP, TRIGGER_STATE, TRIGGER_TYPE, START_TIME)
            VALUES ('crm', 'weekly-digest.schedule', 'app', 'weekly-digest', 'app', 'WAITING', 'CRON', 0);
            INSERT INTO QRTZ_CRON_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP, CRON_EXPRESSION, TIME_ZONE_ID)
            VALUES ('crm', 'weekly-digest.schedule', 'app', '0 0 8 ? * MON', 'Asia/Shanghai');
            INSERT INTO JobRuns (JobName, JobGroup, TriggerName, FireInstanceId, InstanceId, TriggeredBy, Status, StartedAtUtc)
            VALUES ('weekly-digest', 'app', 't', 'f1', 'i1', 'schedule', 'succeeded', '2026-11-30T00:00:00');
            INSERT INTO OutboxMessages (MessageId, DedupKey, ToAddress, Subject, HtmlBody, TextBody, Status, Attempts, NextAttemptAtUtc, CreatedAtUtc)
            VALUES ('<old@crm>', 'digest:2026-W48:user:1', 'staff1@demo.local', '招商工作周报', '<p>x</p>', 'x', 'sending', 1, '2026-11-30T00:00:00', '2026-11-30T00:00:00');
            INSERT INTO DocumentRequests (RequestKey, Kind, Subject, Culture, TriggeredBy, RequestedAtUtc, Status)
            VALUES ('k1', 'brief', 'JJ-1', 'zh-CN', 'user', '2026-11-30T00:00:00', 'done');
            """);

        // The upgrade to 0009 itself; later migrations are other features' (and would be listed too).
        var applied = await migrator.MigrateAsync([.. scripts.Where(s => string.CompareOrdinal(s.Name, "0010") < 0)]);

        Assert.Equal(["0009_hangfire.sql"], applied);
        var tables = await db.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')");
        Assert.DoesNotContain(tables, t => t.StartsWith("QRTZ_", StringComparison.Ordinal));
        Assert.DoesNotContain("JobRuns", tables);
        Assert.Equal(("sending", null), await db.QuerySingleOrDefaultAsync<(string, string?)>("SELECT Status, AttemptId FROM OutboxMessages WHERE MessageId = '<old@crm>'"));
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM DocumentRequests"));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pragma_foreign_key_check"));
    }
}
