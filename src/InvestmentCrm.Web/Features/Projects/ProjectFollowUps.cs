using System.Globalization;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Projects;

public sealed record ActivityInput(string Kind, DateOnly OccurredOn, string? Participants, string Summary, string? NextStep, DateOnly? NextStepDueOn);

/// <summary>The follow-ups of a project (activities, their next steps, comments), each audited on the project.</summary>
public sealed class ProjectFollowUps(IDb db, AuditLog audit, TimeProvider clock)
{
    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>Logs a follow-up; the project's last-activity date moves forward (never back) with it.</summary>
    public async Task<WriteResult> AddActivityAsync(long projectId, ActivityInput input, long? actorUserId, CancellationToken ct = default) =>
        await db.InTransactionAsync(async session =>
        {
            var code = await session.ExecuteScalarAsync<string?>(Sql.CodeById, new { Id = projectId });
            if (code is null)
            {
                return new WriteResult(SaveOutcome.NotFound);
            }

            var activityId = await session.InsertAsync(Sql.InsertActivity, new
            {
                ProjectId = projectId,
                input.Kind,
                input.OccurredOn,
                Participants = Trim(input.Participants),
                Summary = input.Summary.Trim(),
                NextStep = Trim(input.NextStep),
                input.NextStepDueOn,
                CreatedByUserId = actorUserId,
                Now = UtcNow,
            });
            await session.ExecuteAsync(Sql.TouchActivity, new { Id = projectId, input.OccurredOn });
            await audit.WriteAsync(session, "Project", code, "activity", new
            {
                ActivityId = activityId,
                input.Kind,
                OccurredOn = input.OccurredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                input.Summary,
                input.NextStep,
                NextStepDueOn = input.NextStepDueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            });
            return new WriteResult(SaveOutcome.Created, projectId, code);
        }, ct);

    /// <summary>Marks the next step of an activity done.</summary>
    public async Task<WriteResult> CompleteNextStepAsync(long activityId, CancellationToken ct = default) =>
        await db.InTransactionAsync(async session =>
        {
            var code = await session.ExecuteScalarAsync<string?>(Sql.CodeOfActivity, new { Id = activityId });
            if (code is null)
            {
                return new WriteResult(SaveOutcome.NotFound);
            }

            var changed = await session.ExecuteAsync(Sql.CompleteNextStep, new { Id = activityId, Now = UtcNow });
            if (changed == 0)
            {
                return new WriteResult(SaveOutcome.Unchanged, 0, code);
            }

            await audit.WriteAsync(session, "Project", code, "next-step-done", new { ActivityId = activityId });
            return new WriteResult(SaveOutcome.Updated, 0, code);
        }, ct);

    public async Task<WriteResult> AddCommentAsync(long projectId, string body, long? authorUserId, CancellationToken ct = default) =>
        await db.InTransactionAsync(async session =>
        {
            var code = await session.ExecuteScalarAsync<string?>(Sql.CodeById, new { Id = projectId });
            if (code is null)
            {
                return new WriteResult(SaveOutcome.NotFound);
            }

            var commentId = await session.InsertAsync(Sql.InsertComment, new { ProjectId = projectId, Body = body.Trim(), AuthorUserId = authorUserId, Now = UtcNow });
            await audit.WriteAsync(session, "Project", code, "comment", new { CommentId = commentId, Body = body.Trim() });
            return new WriteResult(SaveOutcome.Created, projectId, code);
        }, ct);

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static class Sql
    {
        public const string CodeById = "SELECT Code FROM Projects WHERE Id = @Id";

        public const string CodeOfActivity = """
            SELECT p.Code FROM Activities a JOIN Projects p ON p.Id = a.ProjectId WHERE a.Id = @Id
            """;

        public const string InsertActivity = """
            INSERT INTO Activities (ProjectId, Kind, OccurredOn, Participants, Summary, NextStep, NextStepDueOn, CreatedByUserId, CreatedAtUtc)
            VALUES (@ProjectId, @Kind, @OccurredOn, @Participants, @Summary, @NextStep, @NextStepDueOn, @CreatedByUserId, @Now)
            """;

        public const string TouchActivity = """
            UPDATE Projects SET LastActivityOn = @OccurredOn
            WHERE Id = @Id AND (LastActivityOn IS NULL OR LastActivityOn < @OccurredOn)
            """;

        public const string CompleteNextStep = """
            UPDATE Activities SET NextStepDoneAtUtc = @Now
            WHERE Id = @Id AND NextStepDueOn IS NOT NULL AND NextStepDoneAtUtc IS NULL
            """;

        public const string InsertComment = """
            INSERT INTO ProjectComments (ProjectId, Body, AuthorUserId, CreatedAtUtc) VALUES (@ProjectId, @Body, @AuthorUserId, @Now)
            """;
    }
}
