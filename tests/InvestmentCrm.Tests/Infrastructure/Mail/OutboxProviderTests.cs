using InvestmentCrm.Tests.Features.Digest;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Mail;

namespace InvestmentCrm.Tests.Infrastructure.Mail;

/// <summary>The outbox: retries with back-off, final failure, leases, attempt ids, hung sends and the dedup key, once
/// per database provider, on the digest tests' seeded world and clock.</summary>
public abstract class OutboxProviderTests(DatabaseProvider provider) : DigestWorldTests(provider)
{
    [ProviderFact]
    public async Task A_transport_failure_is_retried_after_a_growing_back_off_and_then_sent()
    {
        var transport = (FakeTransport)World.Transport;
        transport.FailuresLeft = 2;
        await EnqueueAsync("one@crm.example");

        var first = await World.Sender.SendDueAsync();
        Assert.Equal(1, first.Retrying);
        var row = await OutboxRowAsync();
        Assert.Equal(("pending", 1), (row.Status, row.Attempts));
        Assert.Equal(DigestWorld.RunAt.UtcDateTime.AddSeconds(60), row.NextAttemptAtUtc);
        Assert.Contains("temporarily unavailable", row.LastError, StringComparison.Ordinal);

        Assert.Equal(0, (await World.Sender.SendDueAsync()).Attempted); // not due yet
        World.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, (await World.Sender.SendDueAsync()).Retrying);
        Assert.Equal(World.Clock.Now.UtcDateTime.AddSeconds(120), (await OutboxRowAsync()).NextAttemptAtUtc); // doubled

        World.Clock.Advance(TimeSpan.FromSeconds(121));
        var sent = await World.Sender.SendDueAsync();

        Assert.Equal(1, sent.Sent);
        row = await OutboxRowAsync();
        Assert.Equal(("sent", 3), (row.Status, row.Attempts));
        Assert.Null(row.LastError);
        Assert.Single(transport.Sent);
    }

    [ProviderFact]
    public async Task After_the_last_attempt_the_message_is_marked_failed_with_its_error()
    {
        var options = World.EmailOptions.Value.Outbox;
        options.MaxAttempts = 3;
        var transport = (FakeTransport)World.Transport;
        transport.FailuresLeft = 10;
        transport.FailureMessage = "550 5.1.1 mailbox unavailable";
        await EnqueueAsync("nobody@crm.example");

        var runs = new List<OutboxRunResult>();
        for (var i = 0; i < 3; i++)
        {
            runs.Add(await World.Sender.SendDueAsync());
            World.Clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal([0, 0, 1], runs.Select(r => r.Failed));
        Assert.Contains("nobody@crm.example: SmtpCommandException: 550 5.1.1 mailbox unavailable", runs[2].FailedMessages.Single(), StringComparison.Ordinal);

        var row = await OutboxRowAsync();
        Assert.Equal(("failed", 3), (row.Status, row.Attempts));
        Assert.Contains("550 5.1.1 mailbox unavailable", row.LastError, StringComparison.Ordinal);
        Assert.Equal(0, (await World.Sender.SendDueAsync()).Attempted);
        Assert.Equal(3, transport.Calls);
    }

    [ProviderFact]
    public async Task A_message_claimed_by_a_sender_that_died_is_taken_over_when_its_lease_runs_out()
    {
        await EnqueueAsync("lease@crm.example");
        var lease = World.Clock.Now.UtcDateTime.AddMinutes(5);
        await World.Db.ExecuteAsync("UPDATE OutboxMessages SET Status = 'sending', Attempts = 1, LockedUntilUtc = @Lease", new { Lease = lease });

        Assert.Equal(0, (await World.Sender.SendDueAsync()).Attempted);
        World.Clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(1, (await World.Sender.SendDueAsync()).Sent);
        Assert.Equal(("sent", 2), ((await OutboxRowAsync()).Status, (await OutboxRowAsync()).Attempts));
    }

    [ProviderFact]
    public async Task A_message_is_marked_sending_under_its_attempt_id_before_the_transport_gets_it_and_a_late_attempt_cannot_overwrite_a_takeover()
    {
        await EnqueueAsync("attempt@crm.example");
        (string Status, string? AttemptId)? seen = null;
        var sender = SenderWith(new CallbackTransport(async (_, _) =>
        {
            seen = await World.Db.QuerySingleOrDefaultAsync<(string, string?)>("SELECT Status, AttemptId FROM OutboxMessages");
            // Meanwhile this attempt's lease ran out and another sender claimed the message.
            await World.Db.ExecuteAsync("UPDATE OutboxMessages SET AttemptId = 'taken-over'");
        }));

        var result = await sender.SendDueAsync();

        Assert.Equal("sending", seen!.Value.Status);
        Assert.Matches("^[0-9a-f]{32}$", seen.Value.AttemptId);
        Assert.Equal(1, result.Sent);
        Assert.Equal(("sending", "taken-over"), await World.Db.QuerySingleOrDefaultAsync<(string, string)>("SELECT Status, AttemptId FROM OutboxMessages"));
    }

    [ProviderFact]
    public async Task A_send_that_hangs_is_cancelled_before_its_lease_runs_out_and_retried_after_the_back_off()
    {
        World.EmailOptions.Value.Outbox.LeaseSeconds = 61; // so the attempt may last one second
        await EnqueueAsync("hang@crm.example");
        DateTime? leaseEnd = null;
        var sender = SenderWith(new CallbackTransport(async (_, ct) =>
        {
            leaseEnd = await World.Db.ExecuteScalarAsync<DateTime>("SELECT LockedUntilUtc FROM OutboxMessages");
            await Task.Delay(Timeout.Infinite, ct);
        }));

        var result = await sender.SendDueAsync();

        Assert.Equal(1, result.Retrying);
        Assert.Equal(World.Clock.Now.UtcDateTime.AddSeconds(61), leaseEnd);
        Assert.True(World.EmailOptions.Value.Outbox.AttemptTimeout < TimeSpan.FromSeconds(61), "the attempt ends before its lease");
        var row = await OutboxRowAsync();
        Assert.Equal(("pending", 1, World.Clock.Now.UtcDateTime.AddSeconds(60)), (row.Status, row.Attempts, row.NextAttemptAtUtc));
        Assert.StartsWith("Timed out after 1 s", row.LastError, StringComparison.Ordinal);
    }

    private OutboxSender SenderWith(IEmailTransport transport) =>
        new(World.Db, transport, World.Clock, World.EmailOptions, Microsoft.Extensions.Logging.Abstractions.NullLogger<OutboxSender>.Instance);

    private sealed class CallbackTransport(Func<EmailMessage, CancellationToken, Task> send) : IEmailTransport
    {
        public Task SendAsync(EmailMessage message, CancellationToken ct) => send(message, ct);
    }

    [ProviderFact]
    public async Task The_outbox_refuses_a_second_message_with_the_same_dedup_key()
    {
        await EnqueueAsync("dup@crm.example");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => EnqueueAsync("dup@crm.example"));

        Assert.True(DbErrors.IsUniqueViolation(error));
        Assert.Equal(1, await World.CountAsync("OutboxMessages"));
    }

    private Task<long> EnqueueAsync(string to) =>
        World.Db.InTransactionAsync(session => new Outbox(World.Clock).EnqueueAsync(session, "test:" + to,
            new EmailMessage(Outbox.NewMessageId("crm@crm.example"), to, null, "测试", "<p>测试</p>", "测试", [])));

    private async Task<OutboxRow> OutboxRowAsync() =>
        (await World.Db.QuerySingleOrDefaultAsync<OutboxRow>("SELECT Status, Attempts, NextAttemptAtUtc, LastError FROM OutboxMessages"))!;

    private sealed class OutboxRow
    {
        public string Status { get; set; } = string.Empty;
        public int Attempts { get; set; }
        public DateTime NextAttemptAtUtc { get; set; }
        public string? LastError { get; set; }
    }
}

public sealed class OutboxSqliteTests() : OutboxProviderTests(DatabaseProvider.Sqlite);

public sealed class OutboxSqlServerTests() : OutboxProviderTests(DatabaseProvider.SqlServer), IRunsOnSqlServer;
