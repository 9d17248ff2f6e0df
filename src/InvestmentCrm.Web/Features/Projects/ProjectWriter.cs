using System.Globalization;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>
/// Every change to a project row goes through here (pages, board, import, demo): its fields and its stage, so the
/// stage rules, optimistic concurrency (the Version column), the stage history, the audit log and the enterprise
/// becoming local at in_production apply the same way everywhere. Follow-ups are <see cref="ProjectFollowUps"/>.
/// </summary>
public sealed class ProjectWriter(IDb db, AuditLog audit, TimeProvider clock, IOptions<AppOptions> app)
{
    private readonly TimeZoneInfo zone = app.Value.FindTimeZone();

    public DateOnly Today => Domain.LocalTime.Today(clock, zone);

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>Creates a project at <paramref name="stage"/> (lead from the form); an empty code gets the next JJyyyy-nnn.</summary>
    public Task<WriteResult> CreateAsync(string? code, ProjectInput input, long? actorUserId, string stage = ProjectStages.Lead,
        DateOnly? signedOn = null, decimal? contractedWan = null, CancellationToken ct = default) =>
        db.InTransactionAsync(session => CreateAsync(session, code, input, actorUserId, stage, signedOn, contractedWan), ct);

    /// <summary><see cref="CreateAsync(string?, ProjectInput, long?, string, DateOnly?, decimal?, CancellationToken)"/> inside the caller's transaction.</summary>
    public async Task<WriteResult> CreateAsync(DbSession session, string? code, ProjectInput input, long? actorUserId, string stage = ProjectStages.Lead,
        DateOnly? signedOn = null, decimal? contractedWan = null)
    {
        var problems = await CheckAsync(session, input);
        if (problems.Count > 0)
        {
            return WriteResult.Rejected([.. problems]);
        }

        var now = UtcNow;
        var today = Today;
        var finalCode = string.IsNullOrWhiteSpace(code) ? await NextCodeAsync(session, today.Year) : code.Trim();
        if (await session.ExecuteScalarAsync<long?>(Sql.IdByCode, new { Code = finalCode }) is not null)
        {
            return WriteResult.Rejected(new FieldProblem("Code", "Projects.Error.DuplicateCode", finalCode));
        }

        var teamId = await session.ExecuteScalarAsync<long?>(Sql.TeamOfUser, new { UserId = input.OwnerUserId });
        var id = await session.InsertAsync(Sql.Insert, Parameters(input, new
        {
            Code = finalCode,
            Stage = stage,
            TeamId = teamId,
            SignedOn = signedOn,
            ContractedInvestmentWan = contractedWan,
            LastActivityOn = today,
            CreatedByUserId = actorUserId,
            Now = now,
        }));
        await AddNodesAsync(session, id, input.NodeIds);

        await session.ExecuteAsync(Sql.InsertStageChange, new { ProjectId = id, FromStage = (string?)null, ToStage = stage, Note = (string?)null, ChangedByUserId = actorUserId, Now = now });
        if (stage == ProjectStages.InProduction)
        {
            await MakeEnterpriseLocalAsync(session, input.EnterpriseId);
        }

        await audit.WriteAsync(session, "Project", finalCode, "create", Snapshot(input, stage, teamId, signedOn, contractedWan));
        return new WriteResult(SaveOutcome.Created, id, finalCode);
    }

    /// <summary>Saves the fields if nobody changed the project since <paramref name="version"/> was read.</summary>
    public Task<WriteResult> UpdateAsync(long id, int version, ProjectInput input, CancellationToken ct = default) =>
        db.InTransactionAsync(session => UpdateAsync(session, id, version, input), ct);

    /// <summary><see cref="UpdateAsync(long, int, ProjectInput, CancellationToken)"/> inside the caller's transaction.</summary>
    public async Task<WriteResult> UpdateAsync(DbSession session, long id, int version, ProjectInput input)
    {
        var problems = await CheckAsync(session, input);
        if (problems.Count > 0)
        {
            return WriteResult.Rejected([.. problems]);
        }

        var before = await session.QuerySingleOrDefaultAsync<StoredProject>(Sql.Load, new { Id = id });
        if (before is null)
        {
            return new WriteResult(SaveOutcome.NotFound);
        }

        if (before.Version != version)
        {
            return new WriteResult(SaveOutcome.Conflict, id, before.Code);
        }

        var nodesBefore = await session.QueryAsync<long>(Sql.NodesOf, new { ProjectId = id });
        var teamId = before.OwnerUserId == input.OwnerUserId ? before.TeamId : await session.ExecuteScalarAsync<long?>(Sql.TeamOfUser, new { UserId = input.OwnerUserId });
        var oldSnapshot = Snapshot(before with { NodeIds = nodesBefore }, before.Stage, before.TeamId, before.SignedOn, before.ContractedInvestmentWan);
        var newSnapshot = Snapshot(input, before.Stage, teamId, before.SignedOn, before.ContractedInvestmentWan);
        var diff = AuditLog.Diff(oldSnapshot, newSnapshot);
        if (diff.Count == 0)
        {
            return new WriteResult(SaveOutcome.Unchanged, id, before.Code);
        }

        var updated = await session.ExecuteAsync(Sql.Update, Parameters(input, new { Id = id, Version = version, TeamId = teamId, Now = UtcNow }));
        if (updated == 0)
        {
            return new WriteResult(SaveOutcome.Conflict, id, before.Code);
        }

        if (!nodesBefore.Order().SequenceEqual(input.NodeIds.Distinct().Order()))
        {
            await session.ExecuteAsync(Sql.DeleteNodes, new { ProjectId = id });
            await AddNodesAsync(session, id, input.NodeIds);
        }

        await audit.WriteAsync(session, "Project", before.Code, "update", diff);
        return new WriteResult(SaveOutcome.Updated, id, before.Code);
    }

    /// <summary>Gives the project to another owner (the list's bulk reassign): the same checked, versioned update as the
    /// form's, so the owner's team follows and the audit entry says owner and team old → new.</summary>
    public async Task<WriteResult> ReassignAsync(DbSession session, long id, long ownerUserId)
    {
        var before = await session.QuerySingleOrDefaultAsync<StoredProject>(Sql.Load, new { Id = id });
        if (before is null)
        {
            return new WriteResult(SaveOutcome.NotFound);
        }

        var input = new ProjectInput(before)
        {
            EnterpriseId = before.EnterpriseId, Source = before.Source, OwnerUserId = ownerUserId, Priority = before.Priority,
            Description = before.Description, NodeIds = await session.QueryAsync<long>(Sql.NodesOf, new { ProjectId = id }),
        };
        return await UpdateAsync(session, id, before.Version, input);
    }

    /// <summary>Moves the project to another stage under <see cref="StageRules"/>; <paramref name="version"/> null skips the check (import).</summary>
    public Task<WriteResult> MoveAsync(long id, int? version, StageMove move, long? actorUserId, CancellationToken ct = default) =>
        db.InTransactionAsync(session => MoveAsync(session, id, version, move, actorUserId), ct);

    /// <summary><see cref="MoveAsync(long, int?, StageMove, long?, CancellationToken)"/> inside the caller's transaction.</summary>
    public async Task<WriteResult> MoveAsync(DbSession session, long id, int? version, StageMove move, long? actorUserId)
    {
        var today = Today;
        var before = await session.QuerySingleOrDefaultAsync<StoredProject>(Sql.Load, new { Id = id });
        if (before is null)
        {
            return new WriteResult(SaveOutcome.NotFound);
        }

        if (version is { } expected && before.Version != expected)
        {
            return new WriteResult(SaveOutcome.Conflict, id, before.Code);
        }

        var decision = StageRules.Decide(new StageState(before.Stage, before.SignedOn, before.ContractedInvestmentWan), move, today);
        if (!decision.Allowed)
        {
            return WriteResult.Rejected([.. decision.Problems.Select(key => new FieldProblem(FieldOf(key), key))]);
        }

        var note = string.IsNullOrWhiteSpace(move.Note) ? null : move.Note.Trim();
        var (startedOn, inProductionOn) = Milestones.After(move.ToStage, before.StartedOn, before.InProductionOn, today);
        var updated = await session.ExecuteAsync(Sql.Move, new
        {
            StartedOn = startedOn,
            InProductionOn = inProductionOn,
            Id = id,
            before.Version,
            Stage = move.ToStage,
            decision.SignedOn,
            ContractedInvestmentWan = decision.ContractedInvestmentWan,
            StageReason = ProjectStages.NeedsReason(move.ToStage) ? note : null,
            Now = UtcNow,
        });
        if (updated == 0)
        {
            return new WriteResult(SaveOutcome.Conflict, id, before.Code);
        }

        await session.ExecuteAsync(Sql.InsertStageChange, new { ProjectId = id, FromStage = before.Stage, ToStage = move.ToStage, Note = note, ChangedByUserId = actorUserId, Now = UtcNow });
        if (move.ToStage == ProjectStages.InProduction)
        {
            await MakeEnterpriseLocalAsync(session, before.EnterpriseId);
        }

        var changes = new Dictionary<string, object?[]> { ["Stage"] = [before.Stage, move.ToStage] };
        if (note is not null)
        {
            changes[decision.Backward ? "BackwardReason" : "Note"] = [null, note];
        }

        if (decision.CountsSigning)
        {
            changes["SignedOn"] = [null, decision.SignedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
            changes["ContractedInvestmentWan"] = [null, decision.ContractedInvestmentWan];
        }

        if (startedOn != before.StartedOn)
        {
            changes["StartedOn"] = [null, startedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
        }

        if (inProductionOn != before.InProductionOn)
        {
            changes["InProductionOn"] = [null, inProductionOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
        }

        await audit.WriteAsync(session, "Project", before.Code, "stage", changes);
        return new WriteResult(SaveOutcome.Updated, id, before.Code);
    }

    private static string FieldOf(string key) => key switch
    {
        StageRules.ReasonRequired or StageRules.BackwardReasonRequired => "Move.Note",
        StageRules.BackwardNotConfirmed => "Move.ConfirmBackward",
        StageRules.SignedOnRequired or StageRules.SignedOnInFuture => "Move.SignedOn",
        StageRules.ContractedRequired => "Move.ContractedInvestmentWan",
        _ => "Move.ToStage",
    };

    private static async Task<List<FieldProblem>> CheckAsync(DbSession session, ProjectInput input)
    {
        var problems = new List<FieldProblem>();
        if (await session.ExecuteScalarAsync<long?>(Sql.EnterpriseExists, new { Id = input.EnterpriseId }) is null)
        {
            problems.Add(new FieldProblem("Form.EnterpriseId", "Projects.Error.UnknownEnterprise"));
        }

        if (await session.ExecuteScalarAsync<long?>(Sql.UserExists, new { Id = input.OwnerUserId }) is null)
        {
            problems.Add(new FieldProblem("Form.OwnerUserId", "Projects.Error.UnknownOwner"));
        }

        if (!ProjectStages.Sources.Contains(input.Source))
        {
            problems.Add(new FieldProblem("Form.Source", "Projects.Error.UnknownSource", input.Source));
        }

        if (input.NodeIds.Count > 0)
        {
            foreach (var nodeId in input.NodeIds.Distinct())
            {
                if (await session.ExecuteScalarAsync<long?>(Sql.NodeExists, new { Id = nodeId }) is null)
                {
                    problems.Add(new FieldProblem("Form.Nodes", "Projects.Error.UnknownNode"));
                    break;
                }
            }
        }

        return problems;
    }

    private async Task MakeEnterpriseLocalAsync(DbSession session, long enterpriseId)
    {
        var changed = await session.ExecuteAsync(Sql.MakeLocal, new { Id = enterpriseId, Now = UtcNow });
        if (changed > 0)
        {
            await audit.WriteAsync(session, "Enterprise", enterpriseId, "update", new Dictionary<string, object?[]> { ["Kind"] = ["prospect", "local"] });
        }
    }

    private static async Task<string> NextCodeAsync(DbSession session, int year)
    {
        var prefix = "JJ" + year.ToString(CultureInfo.InvariantCulture) + "-";
        var codes = await session.QueryAsync<string>(Sql.CodesLike, new { Pattern = prefix + "%" });
        var max = codes.Select(c => int.TryParse(c.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Max();
        return prefix + (max + 1).ToString("000", CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, object?> Snapshot(ProjectInput input, string stage, long? teamId, DateOnly? signedOn, decimal? contracted) => new(StringComparer.Ordinal)
    {
        ["Title"] = input.Title,
        ["EnterpriseId"] = input.EnterpriseId,
        ["Stage"] = stage,
        ["Source"] = input.Source,
        ["OwnerUserId"] = input.OwnerUserId,
        ["TeamId"] = teamId,
        ["Priority"] = input.Priority,
        ["PlannedInvestmentWan"] = input.PlannedInvestmentWan,
        ["LandMu"] = input.LandMu,
        ["ExpectedOutputWan"] = input.ExpectedOutputWan,
        ["ExpectedTaxWan"] = input.ExpectedTaxWan,
        ["Description"] = input.Description,
        ["Nodes"] = string.Join(",", input.NodeIds.Distinct().Order()),
        ["SignedOn"] = signedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["ContractedInvestmentWan"] = contracted,
    };

    /// <summary>The input's fields as parameters by their names, plus the statement's own.</summary>
    private static Dapper.DynamicParameters Parameters(ProjectInput input, object more)
    {
        var parameters = new Dapper.DynamicParameters(input);
        parameters.AddDynamicParams(more);
        return parameters;
    }

    private static async Task AddNodesAsync(DbSession session, long projectId, IEnumerable<long> nodeIds)
    {
        foreach (var nodeId in nodeIds.Distinct())
        {
            await session.ExecuteAsync(Sql.InsertNode, new { ProjectId = projectId, NodeId = nodeId });
        }
    }

    /// <summary>A project row as stored; its nodes are read apart.</summary>
    private sealed record StoredProject : ProjectInput
    {
        public long Id { get; init; }

        public string Code { get; init; } = "";

        public string Stage { get; init; } = "";

        public long? TeamId { get; init; }

        public DateOnly? SignedOn { get; init; }

        public decimal? ContractedInvestmentWan { get; init; }

        public DateOnly? StartedOn { get; init; }

        public DateOnly? InProductionOn { get; init; }

        public int Version { get; init; }
    }

    internal static class Sql
    {
        public const string IdByCode = "SELECT Id FROM Projects WHERE Code = @Code";

        public const string CodesLike = "SELECT Code FROM Projects WHERE Code LIKE @Pattern";

        public const string TeamOfUser = "SELECT TeamId FROM Users WHERE Id = @UserId";

        public const string EnterpriseExists = "SELECT Id FROM Enterprises WHERE Id = @Id";

        public const string UserExists = "SELECT Id FROM Users WHERE Id = @Id";

        public const string NodeExists = "SELECT Id FROM ChainNodes WHERE Id = @Id";

        public const string Load = """
            SELECT Id, Code, Title, EnterpriseId, Stage, Source, OwnerUserId, TeamId, Priority, PlannedInvestmentWan, LandMu,
                   ExpectedOutputWan, ExpectedTaxWan, SignedOn, ContractedInvestmentWan, StartedOn, InProductionOn, Description, Version
            FROM Projects WHERE Id = @Id
            """;

        public const string NodesOf = "SELECT NodeId FROM ProjectNodes WHERE ProjectId = @ProjectId";

        public const string Insert = """
            INSERT INTO Projects (Code, Title, EnterpriseId, Stage, Source, OwnerUserId, TeamId, Priority, PlannedInvestmentWan, LandMu,
                                  ExpectedOutputWan, ExpectedTaxWan, SignedOn, ContractedInvestmentWan, Description, LastActivityOn,
                                  Version, CreatedByUserId, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Code, @Title, @EnterpriseId, @Stage, @Source, @OwnerUserId, @TeamId, @Priority, @PlannedInvestmentWan, @LandMu,
                    @ExpectedOutputWan, @ExpectedTaxWan, @SignedOn, @ContractedInvestmentWan, @Description, @LastActivityOn,
                    1, @CreatedByUserId, @Now, @Now)
            """;

        public const string Update = """
            UPDATE Projects
            SET Title = @Title, EnterpriseId = @EnterpriseId, Source = @Source, OwnerUserId = @OwnerUserId, TeamId = @TeamId,
                Priority = @Priority, PlannedInvestmentWan = @PlannedInvestmentWan, LandMu = @LandMu,
                ExpectedOutputWan = @ExpectedOutputWan, ExpectedTaxWan = @ExpectedTaxWan, Description = @Description,
                Version = Version + 1, UpdatedAtUtc = @Now
            WHERE Id = @Id AND Version = @Version
            """;

        public const string Move = """
            UPDATE Projects
            SET Stage = @Stage, SignedOn = @SignedOn, ContractedInvestmentWan = @ContractedInvestmentWan, StageReason = @StageReason,
                StartedOn = @StartedOn, InProductionOn = @InProductionOn,
                Version = Version + 1, UpdatedAtUtc = @Now
            WHERE Id = @Id AND Version = @Version
            """;

        public const string DeleteNodes = "DELETE FROM ProjectNodes WHERE ProjectId = @ProjectId";

        public const string InsertNode = "INSERT INTO ProjectNodes (ProjectId, NodeId) VALUES (@ProjectId, @NodeId)";

        public const string InsertStageChange = """
            INSERT INTO ProjectStageChanges (ProjectId, FromStage, ToStage, Note, ChangedByUserId, ChangedAtUtc)
            VALUES (@ProjectId, @FromStage, @ToStage, @Note, @ChangedByUserId, @Now)
            """;

        public const string MakeLocal = """
            UPDATE Enterprises SET Kind = 'local', Version = Version + 1, UpdatedAtUtc = @Now WHERE Id = @Id AND Kind <> 'local'
            """;
    }
}
