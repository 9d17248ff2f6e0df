using System.Globalization;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Funds;

/// <summary>
/// Adds, changes and deletes entries of a project's funds-in-place ledger, each change audited with its old and new
/// values (entity "FundsEntry"). The rules (Domain/Projects/FundsInPlace) are checked here, so no caller — page,
/// import, demo — can store an entry that breaks them; who may call is the caller's check
/// (<see cref="ProjectScope.CanManageMatters"/>).
/// </summary>
public sealed class FundsWriter(IDb db, AuditLog audit, ProjectLookups lookups, TimeProvider clock)
{
    public const string FormPrefix = "Form.";

    public const string AuditEntity = "FundsEntry";

    public DateOnly Today => lookups.Today;

    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public Task<WriteResult> AddAsync(long projectId, FundsInput input, long? actorUserId, CancellationToken ct = default) =>
        db.InTransactionAsync(session => AddAsync(session, projectId, input, actorUserId), ct);

    /// <summary>Adds an entry inside the caller's transaction (the import writes a whole file in one).</summary>
    public async Task<WriteResult> AddAsync(DbSession session, long projectId, FundsInput input, long? actorUserId)
    {
        if (Check(input) is { } rejected)
        {
            return rejected;
        }

        var code = await session.ExecuteScalarAsync<string?>(Sql.ProjectCode, new { Id = projectId });
        if (code is null)
        {
            return new WriteResult(SaveOutcome.NotFound);
        }

        var next = Normalized(input);
        if (await session.ExecuteScalarAsync<long?>(Sql.SameDay, new { ProjectId = projectId, next.ReceivedOn, next.Kind, Id = 0L }) is not null)
        {
            return Duplicate(next);
        }

        var id = await session.InsertAsync(Sql.Insert, new
        {
            ProjectId = projectId,
            next.ReceivedOn,
            next.AmountWan,
            next.Kind,
            next.AmountUsd,
            next.Note,
            CreatedByUserId = actorUserId,
            Now = UtcNow,
        });
        await audit.WriteAsync(session, AuditEntity, id, "create", new { Project = code, Values = Values(next) });
        return new WriteResult(SaveOutcome.Created, id, code);
    }

    /// <summary>Saves an edit; a stale <paramref name="version"/> is a conflict, nothing written.</summary>
    public Task<WriteResult> UpdateAsync(long projectId, long entryId, int version, FundsInput input, CancellationToken ct = default) =>
        db.InTransactionAsync(session => UpdateAsync(session, projectId, entryId, version, input), ct);

    public async Task<WriteResult> UpdateAsync(DbSession session, long projectId, long entryId, int version, FundsInput input)
    {
        var before = await session.QuerySingleOrDefaultAsync<FundsRow>(Sql.Get, new { Id = entryId, ProjectId = projectId });
        if (before is null)
        {
            return new WriteResult(SaveOutcome.NotFound);
        }

        if (before.Version != version)
        {
            return new WriteResult(SaveOutcome.Conflict, entryId, before.ProjectCode);
        }

        if (Check(input) is { } rejected)
        {
            return rejected;
        }

        var next = Normalized(input);
        var changes = AuditLog.Diff(Values(before.ToInput()), Values(next));
        if (changes.Count == 0)
        {
            return new WriteResult(SaveOutcome.Unchanged, entryId, before.ProjectCode);
        }

        if (await session.ExecuteScalarAsync<long?>(Sql.SameDay, new { ProjectId = projectId, next.ReceivedOn, next.Kind, Id = entryId }) is not null)
        {
            return Duplicate(next);
        }

        var updated = await session.ExecuteAsync(Sql.Update, new
        {
            Id = entryId,
            next.ReceivedOn,
            next.AmountWan,
            next.Kind,
            next.AmountUsd,
            next.Note,
            Version = version,
            Now = UtcNow,
        });
        if (updated == 0)
        {
            return new WriteResult(SaveOutcome.Conflict, entryId, before.ProjectCode);
        }

        await audit.WriteAsync(session, AuditEntity, entryId, "update", new { Project = before.ProjectCode, Changes = changes });
        return new WriteResult(SaveOutcome.Updated, entryId, before.ProjectCode);
    }

    /// <summary>Deletes an entry the user confirmed; the audit row keeps its values.</summary>
    public Task<WriteResult> DeleteAsync(long projectId, long entryId, int version, CancellationToken ct = default) =>
        db.InTransactionAsync(async session =>
        {
            var before = await session.QuerySingleOrDefaultAsync<FundsRow>(Sql.Get, new { Id = entryId, ProjectId = projectId });
            if (before is null)
            {
                return new WriteResult(SaveOutcome.NotFound);
            }

            if (before.Version != version || await session.ExecuteAsync(Sql.Delete, new { Id = entryId, Version = version }) == 0)
            {
                return new WriteResult(SaveOutcome.Conflict, entryId, before.ProjectCode);
            }

            await audit.WriteAsync(session, AuditEntity, entryId, "delete", new { Project = before.ProjectCode, Values = Values(before.ToInput()) });
            return new WriteResult(SaveOutcome.Updated, entryId, before.ProjectCode);
        }, ct);

    private WriteResult? Check(FundsInput input)
    {
        var problems = FundsInPlace.Problems(input, Today).Select(p => new FieldProblem(FormPrefix + p.Field, p.Key, p.Args)).ToArray();
        return problems.Length == 0 ? null : WriteResult.Rejected(problems);
    }

    private static WriteResult Duplicate(FundsInput input) =>
        WriteResult.Rejected(new FieldProblem(FormPrefix + "ReceivedOn", "Funds.Error.SameDay", Day(input.ReceivedOn)!, input.Kind));

    /// <summary>Trimmed, an empty note null, no dollar amount on domestic funds (the rules refuse one anyway).</summary>
    private static FundsInput Normalized(FundsInput input) =>
        input with { Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim() };

    /// <summary>The audited values of an entry (the day as yyyy-MM-dd; decimal.Equals ignores trailing zeros).</summary>
    public static Dictionary<string, object?> Values(FundsInput f) => new(StringComparer.Ordinal)
    {
        ["ReceivedOn"] = Day(f.ReceivedOn),
        ["AmountWan"] = f.AmountWan,
        ["Kind"] = f.Kind,
        ["AmountUsd"] = f.AmountUsd,
        ["Note"] = string.IsNullOrWhiteSpace(f.Note) ? null : f.Note.Trim(),
    };

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static class Sql
    {
        public const string ProjectCode = "SELECT Code FROM Projects WHERE Id = @Id";

        public const string Get = FundsQueries.Sql.Select + "\nWHERE f.Id = @Id AND f.ProjectId = @ProjectId";

        public const string SameDay = """
            SELECT Id FROM FundsInPlace WHERE ProjectId = @ProjectId AND ReceivedOn = @ReceivedOn AND Kind = @Kind AND Id <> @Id
            """;

        public const string Insert = """
            INSERT INTO FundsInPlace (ProjectId, ReceivedOn, AmountWan, Kind, AmountUsd, Note, CreatedByUserId, CreatedAtUtc, UpdatedAtUtc, Version)
            VALUES (@ProjectId, @ReceivedOn, @AmountWan, @Kind, @AmountUsd, @Note, @CreatedByUserId, @Now, @Now, 1)
            """;

        public const string Update = """
            UPDATE FundsInPlace
            SET ReceivedOn = @ReceivedOn, AmountWan = @AmountWan, Kind = @Kind, AmountUsd = @AmountUsd, Note = @Note,
                Version = Version + 1, UpdatedAtUtc = @Now
            WHERE Id = @Id AND Version = @Version
            """;

        public const string Delete = "DELETE FROM FundsInPlace WHERE Id = @Id AND Version = @Version";
    }
}
