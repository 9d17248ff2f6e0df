using System.Data.Common;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.SavedViews;

/// <summary>A saved view as a reader sees it: <see cref="OwnerName"/> says who shared a view that is not theirs.</summary>
public sealed class SavedView
{
    public long Id { get; set; }
    public long OwnerUserId { get; set; }
    public string OwnerName { get; set; } = "";
    public string List { get; set; } = "";
    public string Name { get; set; } = "";
    public string Query { get; set; } = "";
    public bool IsShared { get; set; }
    public int Version { get; set; }

    /// <summary>Only the owner, or an Admin, renames, updates, shares or deletes a view.</summary>
    public bool MayChange(ProjectScope reader) => reader.IsAdmin || (reader.UserId != 0 && reader.UserId == OwnerUserId);

    /// <summary>Sharing with everyone is for Leaders and Admins; a Leader shares their own views, an Admin any.</summary>
    public bool MayShare(ProjectScope reader) => MayChange(reader) && MayShareViews(reader);

    public static bool MayShareViews(ProjectScope reader) => reader.IsLeader || reader.IsAdmin;
}

/// <summary>
/// Reads and writes saved views, each change audited (old → new) in the transaction that makes it. The names are
/// checked here (required, at most <see cref="SavedViewLists.MaxNameLength"/> characters, unique per user and list
/// whatever their case) so that no caller stores one that breaks the rules; who may call is the page's check
/// (<see cref="SavedView.MayChange"/>, <see cref="SavedView.MayShare"/>). A stale version is a conflict.
/// </summary>
public sealed class SavedViewStore(IDb db, RequestDataVersions versions, SavedViewTabs tabs, AuditLog audit, TimeProvider clock)
{
    public const string EntityType = "SavedView";

    /// <summary>The reader's own views of a list, then the views others shared, each by name.</summary>
    public async Task<IReadOnlyList<SavedView>> VisibleAsync(ProjectScope reader, string list, CancellationToken ct = default) =>
        await tabs.Views.GetAsync((reader.UserId, list), await versions.StampAsync(SavedViewTabs.ReadsFrom, ct),
            () => db.QueryAsync<SavedView>(Sql.Visible, new { List = list, UserId = reader.UserId }, ct));

    /// <summary>A view the reader may see (their own or a shared one; an Admin any), or null: a view outside that
    /// answers as if it did not exist, so its name and owner do not leak.</summary>
    public async Task<SavedView?> FindAsync(ProjectScope reader, long id, CancellationToken ct = default)
    {
        var view = await db.QuerySingleOrDefaultAsync<SavedView>(Sql.Get, new { Id = id }, ct);
        return view is not null && (view.IsShared || view.MayChange(reader)) ? view : null;
    }

    public async Task<WriteResult> CreateAsync(long ownerUserId, string list, string? name, string query, CancellationToken ct = default)
    {
        if (!SavedViewLists.IsKnown(list))
        {
            return WriteResult.Rejected(new FieldProblem("list", "SavedViews.Error.UnknownList"));
        }

        var trimmed = name?.Trim() ?? "";
        if ((CheckName(trimmed) ?? CheckQuery(query)) is { } problem)
        {
            return WriteResult.Rejected(problem);
        }

        return await WriteAsync(async session =>
        {
            if (await TakenAsync(session, ownerUserId, list, trimmed, 0))
            {
                return Taken(trimmed);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var id = await session.InsertAsync(Sql.Insert, new
            {
                OwnerUserId = ownerUserId,
                List = list,
                Name = trimmed,
                NameKey = Key(trimmed),
                Query = query,
                Now = now,
            });
            await audit.WriteAsync(session, EntityType, id, "create", new { List = list, Name = trimmed, Query = query, IsShared = false });
            return new WriteResult(SaveOutcome.Created, id);
        }, trimmed, ct);
    }

    public Task<WriteResult> RenameAsync(SavedView view, int version, string? name, CancellationToken ct = default)
    {
        var trimmed = name?.Trim() ?? "";
        return CheckName(trimmed) is { } problem
            ? Task.FromResult(WriteResult.Rejected(problem))
            : UpdateAsync(view, version, trimmed, view.Query, view.IsShared, ct);
    }

    /// <summary>Replaces the view's filters and sort with <paramref name="query"/> (already normalized).</summary>
    public Task<WriteResult> ReplaceQueryAsync(SavedView view, int version, string query, CancellationToken ct = default) =>
        CheckQuery(query) is { } problem
            ? Task.FromResult(WriteResult.Rejected(problem))
            : UpdateAsync(view, version, view.Name, query, view.IsShared, ct);

    public Task<WriteResult> ShareAsync(SavedView view, int version, bool shared, CancellationToken ct = default) =>
        UpdateAsync(view, version, view.Name, view.Query, shared, ct);

    public Task<WriteResult> DeleteAsync(SavedView view, int version, CancellationToken ct = default) =>
        db.InTransactionAsync(async session =>
        {
            if (await session.ExecuteAsync(Sql.Delete, new { view.Id, Version = version }) == 0)
            {
                return await GoneOrConflictAsync(session, view.Id);
            }

            await audit.WriteAsync(session, EntityType, view.Id, "delete", new { view.List, view.Name, view.Query, view.IsShared });
            return new WriteResult(SaveOutcome.Updated, view.Id);
        }, ct);

    private Task<WriteResult> UpdateAsync(SavedView view, int version, string name, string query, bool shared, CancellationToken ct) =>
        WriteAsync(async session =>
        {
            if (view.Version != version)
            {
                return new WriteResult(SaveOutcome.Conflict, view.Id);
            }

            var changes = AuditLog.Diff(Values(view.Name, view.Query, view.IsShared), Values(name, query, shared));
            if (changes.Count == 0)
            {
                return new WriteResult(SaveOutcome.Unchanged, view.Id);
            }

            if (await TakenAsync(session, view.OwnerUserId, view.List, name, view.Id))
            {
                return Taken(name);
            }

            var updated = await session.ExecuteAsync(Sql.Update, new
            {
                view.Id,
                Name = name,
                NameKey = Key(name),
                Query = query,
                IsShared = shared,
                Version = version,
                Now = clock.GetUtcNow().UtcDateTime,
            });
            if (updated == 0)
            {
                return await GoneOrConflictAsync(session, view.Id);
            }

            await audit.WriteAsync(session, EntityType, view.Id, "update", changes);
            return new WriteResult(SaveOutcome.Updated, view.Id);
        }, name, ct);

    /// <summary>Runs a write; the unique index answers a name taken by a save that raced this one.</summary>
    private async Task<WriteResult> WriteAsync(Func<DbSession, Task<WriteResult>> work, string name, CancellationToken ct)
    {
        try
        {
            return await db.InTransactionAsync(work, ct);
        }
        catch (DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Taken(name);
        }
    }

    private static async Task<WriteResult> GoneOrConflictAsync(DbSession session, long id) =>
        new(await session.ExecuteScalarAsync<long?>(Sql.Exists, new { Id = id }) is null ? SaveOutcome.NotFound : SaveOutcome.Conflict, id);

    private static Task<bool> TakenAsync(DbSession session, long ownerUserId, string list, string name, long exceptId) =>
        session.ExecuteScalarAsync<bool>(Sql.Taken, new { OwnerUserId = ownerUserId, List = list, NameKey = Key(name), ExceptId = exceptId });

    private static WriteResult Taken(string name) => WriteResult.Rejected(new FieldProblem("name", "SavedViews.Error.NameTaken", name));

    private static FieldProblem? CheckName(string trimmed) =>
        trimmed.Length == 0 ? new FieldProblem("name", "SavedViews.Error.NameRequired")
        : trimmed.Length > SavedViewLists.MaxNameLength ? new FieldProblem("name", "SavedViews.Error.NameTooLong", SavedViewLists.MaxNameLength)
        : null;

    private static FieldProblem? CheckQuery(string query) =>
        query.Length > SavedViewLists.MaxQueryLength ? new FieldProblem("query", "SavedViews.Error.QueryTooLong", SavedViewLists.MaxQueryLength) : null;

    /// <summary>Names are unique whatever their case: "浙江 Leads" and "浙江 leads" are one name.</summary>
    private static string Key(string name) => name.ToUpperInvariant();

    private static Dictionary<string, object?> Values(string name, string query, bool shared) => new(StringComparer.Ordinal)
    {
        ["Name"] = name,
        ["Query"] = query,
        ["IsShared"] = shared,
    };

    internal static class Sql
    {
        private const string Columns = """
            SELECT v.Id, v.OwnerUserId, u.DisplayName AS OwnerName, v.List, v.Name, v.Query, v.IsShared, v.Version
            FROM SavedViews v
            JOIN Users u ON u.Id = v.OwnerUserId
            """;

        public const string Visible = Columns + """

            WHERE v.List = @List AND (v.OwnerUserId = @UserId OR v.IsShared = 1)
            ORDER BY CASE WHEN v.OwnerUserId = @UserId THEN 0 ELSE 1 END, v.Name, v.Id
            """;

        public const string Get = Columns + "\nWHERE v.Id = @Id";

        public const string Exists = "SELECT Id FROM SavedViews WHERE Id = @Id";

        public const string Taken = """
            SELECT CASE WHEN EXISTS (
                SELECT 1 FROM SavedViews WHERE OwnerUserId = @OwnerUserId AND List = @List AND NameKey = @NameKey AND Id <> @ExceptId
            ) THEN 1 ELSE 0 END
            """;

        public const string Insert = """
            INSERT INTO SavedViews (OwnerUserId, List, Name, NameKey, Query, IsShared, CreatedAtUtc, UpdatedAtUtc, Version)
            VALUES (@OwnerUserId, @List, @Name, @NameKey, @Query, 0, @Now, @Now, 1)
            """;

        public const string Update = """
            UPDATE SavedViews
            SET Name = @Name, NameKey = @NameKey, Query = @Query, IsShared = @IsShared, UpdatedAtUtc = @Now, Version = Version + 1
            WHERE Id = @Id AND Version = @Version
            """;

        public const string Delete = "DELETE FROM SavedViews WHERE Id = @Id AND Version = @Version";
    }
}
