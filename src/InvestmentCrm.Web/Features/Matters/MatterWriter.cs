using System.Globalization;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Matters;

/// <summary>
/// Raises and changes coordination matters, each change audited with its old and new values. The rules
/// (Domain/Projects/CoordinationMatters) are checked here, so no caller can store a matter that breaks them; who may
/// call is the page's check (<see cref="ProjectScope.CanManageMatters"/>).
/// </summary>
public sealed class MatterWriter(IDb db, AuditLog audit, ProjectLookups lookups, TimeProvider clock)
{
    public const string FormPrefix = "Form.";

    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public async Task<WriteResult> AddAsync(long projectId, MatterInput input, long? actorUserId, CancellationToken ct = default)
    {
        var today = lookups.Today;
        if (Check(input, today, today, isNew: true) is { } rejected)
        {
            return rejected;
        }

        return await db.InTransactionAsync(async session =>
        {
            var code = await session.ExecuteScalarAsync<string?>(Sql.ProjectCode, new { Id = projectId });
            if (code is null)
            {
                return new WriteResult(SaveOutcome.NotFound);
            }

            var values = Values(input);
            var id = await session.InsertAsync(Sql.Insert, new
            {
                ProjectId = projectId,
                input.Category,
                Description = input.Description.Trim(),
                Department = Trim(input.Department),
                ResponsiblePerson = Trim(input.ResponsiblePerson),
                input.DueOn,
                input.Status,
                Resolution = input.Status == CoordinationMatters.Resolved ? Trim(input.Resolution) : null,
                ResolvedOn = input.Status == CoordinationMatters.Resolved ? input.ResolvedOn : null,
                RaisedByUserId = actorUserId,
                Now = UtcNow,
            });
            await audit.WriteAsync(session, "Matter", id, "create", new { Project = code, Values = values });
            return new WriteResult(SaveOutcome.Created, id, code);
        }, ct);
    }

    /// <summary>
    /// Saves an edit, a resolution or a reopening. A resolved matter is only taken back up when
    /// <paramref name="confirmReopen"/> says the user confirmed it; a stale <paramref name="version"/> is a conflict.
    /// </summary>
    public async Task<WriteResult> UpdateAsync(long projectId, long matterId, int version, MatterInput input, bool confirmReopen, CancellationToken ct = default) =>
        await db.InTransactionAsync(async session =>
        {
            var before = await session.QuerySingleOrDefaultAsync<MatterRow>(Sql.Get, new { Id = matterId, ProjectId = projectId });
            if (before is null)
            {
                return new WriteResult(SaveOutcome.NotFound);
            }

            if (before.Version != version)
            {
                return new WriteResult(SaveOutcome.Conflict, matterId, before.ProjectCode);
            }

            var today = lookups.Today;
            if (Check(input, today, LocalTime.DayOf(before.RaisedAtUtc, lookups.Zone), isNew: false) is { } rejected)
            {
                return rejected;
            }

            if (before.Status == CoordinationMatters.Resolved && input.Status != CoordinationMatters.Resolved && !confirmReopen)
            {
                return WriteResult.Rejected(new FieldProblem(FormPrefix + "ConfirmReopen", "Matters.Error.ConfirmReopen"));
            }

            var resolved = input.Status == CoordinationMatters.Resolved;
            var next = input with
            {
                Description = input.Description.Trim(),
                Department = Trim(input.Department),
                ResponsiblePerson = Trim(input.ResponsiblePerson),
                Resolution = resolved ? Trim(input.Resolution) : null,
                ResolvedOn = resolved ? input.ResolvedOn : null,
            };
            var changes = AuditLog.Diff(Values(MatterInputOf(before)), Values(next));
            if (changes.Count == 0)
            {
                return new WriteResult(SaveOutcome.Unchanged, matterId, before.ProjectCode);
            }

            var updated = await session.ExecuteAsync(Sql.Update, new
            {
                Id = matterId,
                next.Category,
                next.Description,
                next.Department,
                next.ResponsiblePerson,
                next.DueOn,
                next.Status,
                next.Resolution,
                next.ResolvedOn,
                Version = version,
                Now = UtcNow,
            });
            if (updated == 0)
            {
                return new WriteResult(SaveOutcome.Conflict, matterId, before.ProjectCode);
            }

            var action = !resolved ? (before.Status == CoordinationMatters.Resolved ? "reopen" : "update") : before.Status == CoordinationMatters.Resolved ? "update" : "resolve";
            await audit.WriteAsync(session, "Matter", matterId, action, new { Project = before.ProjectCode, Changes = changes });
            return new WriteResult(SaveOutcome.Updated, matterId, before.ProjectCode);
        }, ct);

    private static WriteResult? Check(MatterInput input, DateOnly today, DateOnly raisedOn, bool isNew)
    {
        var problems = CoordinationMatters.Problems(input, today, raisedOn, isNew)
            .Select(p => new FieldProblem(FormPrefix + p.Field, p.Key)).ToArray();
        return problems.Length == 0 ? null : WriteResult.Rejected(problems);
    }

    private static MatterInput MatterInputOf(MatterRow row) =>
        new(row.Category, row.Description, row.Department, row.ResponsiblePerson, row.DueOn, row.Status, row.Resolution, row.ResolvedOn);

    /// <summary>The audited values of a matter (dates as yyyy-MM-dd).</summary>
    private static Dictionary<string, object?> Values(MatterInput m) => new(StringComparer.Ordinal)
    {
        ["Category"] = m.Category,
        ["Description"] = m.Description.Trim(),
        ["Department"] = Trim(m.Department),
        ["ResponsiblePerson"] = Trim(m.ResponsiblePerson),
        ["DueOn"] = Day(m.DueOn),
        ["Status"] = m.Status,
        ["Resolution"] = Trim(m.Resolution),
        ["ResolvedOn"] = Day(m.ResolvedOn),
    };

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static class Sql
    {
        public const string ProjectCode = "SELECT Code FROM Projects WHERE Id = @Id";

        public const string Get = MatterQueries.Sql.Select + "\nWHERE m.Id = @Id AND m.ProjectId = @ProjectId";

        public const string Insert = """
            INSERT INTO CoordinationMatters (ProjectId, Category, Description, Department, ResponsiblePerson, DueOn, Status, Resolution,
                                             ResolvedOn, RaisedByUserId, RaisedAtUtc, Version, UpdatedAtUtc)
            VALUES (@ProjectId, @Category, @Description, @Department, @ResponsiblePerson, @DueOn, @Status, @Resolution,
                    @ResolvedOn, @RaisedByUserId, @Now, 1, @Now)
            """;

        public const string Update = """
            UPDATE CoordinationMatters
            SET Category = @Category, Description = @Description, Department = @Department, ResponsiblePerson = @ResponsiblePerson,
                DueOn = @DueOn, Status = @Status, Resolution = @Resolution, ResolvedOn = @ResolvedOn, Version = Version + 1,
                UpdatedAtUtc = @Now
            WHERE Id = @Id AND Version = @Version
            """;
    }
}
