using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Notifications;

/// <summary>One line of the notifications menu.</summary>
public sealed class Notification
{
    public string Kind { get; set; } = "";
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Detail { get; set; }
    public string? ToStage { get; set; }
    public string? ActorName { get; set; }
    public DateTime AtUtc { get; set; }
    public DateOnly? DueOn { get; set; }
    public bool Unread { get; set; }
}

/// <summary>The menu's content: the next steps due (overdue first) and the latest events.</summary>
public sealed record NotificationList(IReadOnlyList<Notification> Due, IReadOnlyList<Notification> Events, DateOnly Today);

/// <summary>
/// What the notifications menu shows a user, always through <see cref="ProjectScope"/>. Nothing is copied into a
/// notification table; each kind is read from where it is already kept:
/// <list type="bullet">
/// <item>next steps due today or overdue (on the projects I own): computed, because they are a state that changes with
/// the clock and with a step marked done, not an event — a stored copy would need a daily job and could go stale;</item>
/// <item>leaders' comments on my projects and stage changes on my team's projects: computed from ProjectComments and
/// ProjectStageChanges, which already hold each event with its time and author;</item>
/// <item>projects assigned to me: stored, in ProjectAssignments (migration 0025), because ownership had no history;
/// a trigger writes it for every path that creates or reassigns a project.</item>
/// </list>
/// What is read is one stored time per user (NotificationReads, set when the menu is opened): events after it are
/// unread, and due next steps count as unread until the menu is first opened on the day.
/// </summary>
public sealed class NotificationFeed(IDb db, RequestDataVersions versions, TimeProvider clock, IOptions<AppOptions> app, NotificationCounts counts)
{
    /// <summary>Events older than this are not shown, whether read or not: the menu is for what is new.</summary>
    public const int WindowDays = 30;

    /// <summary>At most this many events and this many due next steps in the menu.</summary>
    public const int MaxShown = 20;

    private readonly TimeZoneInfo zone = app.Value.FindTimeZone();

    /// <summary>The unread count in the top bar of every page: cached per user and day and recomputed only after a
    /// write to a table it reads (<see cref="DataVersions"/>), so most pages pay one read of the counters.</summary>
    public async Task<int> UnreadCountAsync(ProjectScope scope, CancellationToken ct)
    {
        if (scope.UserId == 0)
        {
            return 0;
        }

        var today = LocalTime.Today(clock, zone);
        var stamp = await versions.StampAsync(NotificationCounts.ReadsFrom, ct);
        return await counts.Values.GetAsync(NotificationCounts.Key.For(scope, today), stamp, () => CountAsync(scope, today, ct));
    }

    private async Task<int> CountAsync(ProjectScope scope, DateOnly today, CancellationToken ct)
    {
        var readAt = await ReadAtAsync(scope.UserId, ct);
        var parameters = Parameters(scope, today, Max(readAt, WindowStart(today)));
        var count = await db.QuerySingleOrDefaultAsync<Counted>(Sql.Count, parameters, ct) ?? new Counted();
        return count.Events + (DueUnread(readAt, today) ? count.Due : 0);
    }

    /// <summary>The menu as it stands, unread marks from the last time it was opened.</summary>
    public async Task<NotificationList> ListAsync(ProjectScope scope, CancellationToken ct)
    {
        var today = LocalTime.Today(clock, zone);
        var readAt = await ReadAtAsync(scope.UserId, ct);
        var parameters = Parameters(scope, today, WindowStart(today));
        parameters.Add("Skip", 0);
        parameters.Add("Take", MaxShown);
        var due = await db.QueryAsync<Notification>(Sql.Due, parameters, ct);
        var events = await db.QueryAsync<Notification>(Sql.Events, parameters, ct);
        var dueUnread = DueUnread(readAt, today);
        foreach (var item in due)
        {
            item.Unread = dueUnread;
        }

        foreach (var item in events)
        {
            item.Unread = readAt is null || item.AtUtc > readAt;
        }

        return new NotificationList(due, events, today);
    }

    /// <summary>Everything up to now is read (the menu was opened).</summary>
    public async Task MarkReadAsync(long userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.InTransactionAsync(async session =>
        {
            if (await session.ExecuteAsync(Sql.UpdateRead, new { UserId = userId, Now = now }) == 0)
            {
                await session.ExecuteAsync(Sql.InsertRead, new { UserId = userId, Now = now });
            }

            return true;
        }, ct);
    }

    private Task<DateTime?> ReadAtAsync(long userId, CancellationToken ct) =>
        db.ExecuteScalarAsync<DateTime?>(Sql.ReadAt, new { UserId = userId }, ct);

    private bool DueUnread(DateTime? readAt, DateOnly today) => readAt is null || readAt < LocalTime.StartUtc(today, zone);

    private DateTime WindowStart(DateOnly today) => LocalTime.StartUtc(today.AddDays(-WindowDays), zone);

    private static DateTime Max(DateTime? a, DateTime b) => a is { } value && value > b ? value : b;

    private static Dapper.DynamicParameters Parameters(ProjectScope scope, DateOnly today, DateTime since) =>
        scope.AddTo(new { UserId = scope.UserId, TeamId = scope.TeamId, Today = today, Since = since });

    private sealed class Counted
    {
        public int Due { get; set; }
        public int Events { get; set; }
    }

    internal static class Sql
    {
        private const string Scope = " AND " + ProjectScope.Filter;

        private const string DueWhere = MyNextSteps.FromWhere + "\n  AND a.NextStepDueOn <= @Today" + Scope;

        public const string Due = "SELECT 'due' AS Kind, p.Code, p.Title, a.NextStep AS Detail, a.NextStepDueOn AS DueOn, a.CreatedAtUtc AS AtUtc"
            + DueWhere + "\nORDER BY a.NextStepDueOn, a.Id /**paging**/";

        // Each kind after @Since: assignments to me, comments by others on my projects, moves by others of my team's.
        // The moves are read from the window's changes (ChangedAtUtc), then their projects by key: a team holds thousands
        // of projects but sees a few hundred moves a month, and since the menu was last opened far fewer. SQLite would
        // otherwise start from the team's projects (owner OR team: both indexes) and probe each one's history
        // (16 ms for a team of 5,000 projects, against 1.4 ms). CROSS JOIN is how SQLite is told to keep the written
        // order of the two tables; for SQL Server it is the same inner join, planned as it sees fit.
        private const string EventRows = """
            SELECT 'assigned' AS Kind, p.Code, p.Title, NULL AS Detail, NULL AS ToStage, NULL AS ActorName, x.AssignedAtUtc AS AtUtc
            FROM ProjectAssignments x
            JOIN Projects p ON p.Id = x.ProjectId
            WHERE x.OwnerUserId = @UserId AND x.AssignedAtUtc > @Since AND p.OwnerUserId = @UserId AND
            """ + " " + ProjectScope.Filter + """

            UNION ALL
            SELECT 'comment', p.Code, p.Title, c.Body, NULL, u.DisplayName, c.CreatedAtUtc
            FROM ProjectComments c
            JOIN Projects p ON p.Id = c.ProjectId
            LEFT JOIN Users u ON u.Id = c.AuthorUserId
            WHERE p.OwnerUserId = @UserId AND c.CreatedAtUtc > @Since AND (c.AuthorUserId IS NULL OR c.AuthorUserId <> @UserId) AND
            """ + " " + ProjectScope.Filter + """

            UNION ALL
            SELECT 'stage', p.Code, p.Title, s.FromStage, s.ToStage, u.DisplayName, s.ChangedAtUtc
            FROM ProjectStageChanges s
            CROSS JOIN Projects p
            LEFT JOIN Users u ON u.Id = s.ChangedByUserId
            WHERE p.Id = s.ProjectId AND (p.OwnerUserId = @UserId OR (@TeamId IS NOT NULL AND p.TeamId = @TeamId))
              AND s.FromStage IS NOT NULL AND s.ChangedAtUtc > @Since AND (s.ChangedByUserId IS NULL OR s.ChangedByUserId <> @UserId) AND
            """ + " " + ProjectScope.Filter;

        public const string Events = "SELECT e.Kind, e.Code, e.Title, e.Detail, e.ToStage, e.ActorName, e.AtUtc FROM (\n" + EventRows
            + "\n) e\nORDER BY e.AtUtc DESC, e.Code /**paging**/";

        public const string Count = "SELECT (SELECT COUNT(*)" + DueWhere + ") AS Due,\n       (SELECT COUNT(*) FROM (\n" + EventRows + "\n) e) AS Events";

        public const string ReadAt = "SELECT ReadAtUtc FROM NotificationReads WHERE UserId = @UserId";

        public const string UpdateRead = "UPDATE NotificationReads SET ReadAtUtc = @Now WHERE UserId = @UserId";

        public const string InsertRead = """
            INSERT INTO NotificationReads (UserId, ReadAtUtc)
            SELECT @UserId, @Now WHERE NOT EXISTS (SELECT 1 FROM NotificationReads WHERE UserId = @UserId)
            """;
    }
}
