using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Chains;

/// <summary>Who a chain is run by (链长制): its chief (a Leader user, optional) and its leading enterprises (链主企业).</summary>
public sealed record ChainLeaders(long? ChiefUserId, IReadOnlyList<long> LeadingEnterpriseIds);

/// <summary>A leading enterprise as the chain and gap pages show it.</summary>
public sealed record LeadingEnterprise(long Id, string Name, string Kind);

/// <summary>A chain's chief and leading enterprises, named.</summary>
public sealed record ChainLeadersView(string ChainCode, long? ChiefUserId, string? ChiefName, IReadOnlyList<LeadingEnterprise> Leading)
{
    public bool Any => ChiefUserId is not null || Leading.Count > 0;
}

/// <summary>A user who may be made a chain's chief.</summary>
public sealed record ChiefOption(long Id, string DisplayName);

/// <summary>
/// The one place a chain's chief and leading enterprises are read, checked and written. The chief must be an active
/// user with the Leader role (a chief answers for the chain to the bureau's leadership, so a staff member or an
/// administrator without that role cannot be one); checked when set, inside the save's transaction. Every change is
/// audited on the chain with old → new values.
/// </summary>
public sealed class ChainLeadership(AuditLog audit)
{
    /// <summary>More leading enterprises than any chain has; a post with more is refused rather than read one by one.</summary>
    public const int MaxLeading = 50;

    public static async Task<ChainLeadersView?> ReadAsync(IDb db, string chainCode, CancellationToken ct)
    {
        var code = chainCode.Trim().ToUpperInvariant();
        var chief = await db.QuerySingleOrDefaultAsync<ChiefRow>(Sql.Chief, new { Code = code }, ct);
        return chief is null
            ? null
            : new ChainLeadersView(code, chief.ChiefUserId, chief.ChiefName, await db.QueryAsync<LeadingEnterprise>(Sql.Leading, new { Code = code }, ct));
    }

    /// <summary>The active Leader users, by name: the choices for a chain's chief.</summary>
    public static Task<IReadOnlyList<ChiefOption>> CandidatesAsync(IDb db, CancellationToken ct) =>
        db.QueryAsync<ChiefOption>(Sql.Candidates, ct: ct);

    /// <summary>What is wrong with <paramref name="leaders"/>: a chief who is not an active Leader, an enterprise
    /// that does not exist, too many enterprises. Nothing is written.</summary>
    public static async Task<IReadOnlyList<FieldProblem>> ProblemsAsync(DbSession session, ChainLeaders leaders)
    {
        var problems = new List<FieldProblem>();
        if (leaders.ChiefUserId is { } chief && await session.ExecuteScalarAsync<long?>(Sql.IsActiveLeader, new { Id = chief }) is null)
        {
            problems.Add(new FieldProblem("chief", "Chains.Error.ChiefNotLeader"));
        }

        if (leaders.LeadingEnterpriseIds.Distinct().Count() > MaxLeading)
        {
            problems.Add(new FieldProblem("leading", "Chains.Error.TooManyLeading", MaxLeading));
        }
        else
        {
            foreach (var id in leaders.LeadingEnterpriseIds.Distinct())
            {
                if (await session.ExecuteScalarAsync<long?>(Sql.EnterpriseExists, new { Id = id }) is null)
                {
                    problems.Add(new FieldProblem("leading", "Chains.Error.UnknownLeading", id));
                }
            }
        }

        return problems;
    }

    /// <summary>Sets the chain's chief and leading enterprises (checked first with <see cref="ProblemsAsync"/>);
    /// whether anything changed.</summary>
    public async Task<bool> WriteAsync(DbSession session, long chainId, ChainLeaders leaders)
    {
        var chiefBefore = await session.ExecuteScalarAsync<long?>(Sql.ChiefOf, new { ChainId = chainId });
        var before = (await session.QueryAsync<long>(Sql.LeadingOf, new { ChainId = chainId })).ToHashSet();
        var after = leaders.LeadingEnterpriseIds.ToHashSet();
        if (chiefBefore == leaders.ChiefUserId && before.SetEquals(after))
        {
            return false;
        }

        await session.ExecuteAsync(Sql.SetChief, new { ChainId = chainId, leaders.ChiefUserId });
        foreach (var id in before.Except(after))
        {
            await session.ExecuteAsync(Sql.RemoveLeading, new { ChainId = chainId, EnterpriseId = id });
        }

        foreach (var id in after.Except(before))
        {
            await session.ExecuteAsync(Sql.AddLeading, new { ChainId = chainId, EnterpriseId = id });
        }

        await audit.WriteAsync(session, "Chain", chainId, "leadership", new
        {
            Chief = chiefBefore == leaders.ChiefUserId ? null : new[] { chiefBefore, leaders.ChiefUserId },
            LeadingAdded = after.Except(before).Order().ToList(),
            LeadingRemoved = before.Except(after).Order().ToList(),
        });
        return true;
    }

    private sealed class ChiefRow
    {
        public long? ChiefUserId { get; set; }
        public string? ChiefName { get; set; }
    }

    internal static class Sql
    {
        private const string ActiveLeaders = """
            FROM Users u
            WHERE u.IsDisabled = 0
              AND EXISTS (SELECT 1 FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE ur.UserId = u.Id AND r.NormalizedName = 'LEADER')
            """;

        public const string Candidates = "SELECT u.Id, u.DisplayName\n" + ActiveLeaders + "\nORDER BY u.DisplayName, u.Id";

        public const string IsActiveLeader = "SELECT u.Id\n" + ActiveLeaders + "\n  AND u.Id = @Id";

        public const string EnterpriseExists = "SELECT Id FROM Enterprises WHERE Id = @Id";

        public const string Chief = """
            SELECT c.ChiefUserId, u.DisplayName AS ChiefName
            FROM Chains c
            LEFT JOIN Users u ON u.Id = c.ChiefUserId
            WHERE c.Code = @Code
            """;

        public const string Leading = """
            SELECT e.Id, e.Name, e.Kind
            FROM ChainLeadingEnterprises le
            JOIN Chains c ON c.Id = le.ChainId
            JOIN Enterprises e ON e.Id = le.EnterpriseId
            WHERE c.Code = @Code
            ORDER BY e.Name, e.Id
            """;

        public const string ChiefOf = "SELECT ChiefUserId FROM Chains WHERE Id = @ChainId";

        public const string LeadingOf = "SELECT EnterpriseId FROM ChainLeadingEnterprises WHERE ChainId = @ChainId";

        // The chain's own version is the map's (its nodes and edges): the chief is not part of the map file.
        public const string SetChief = "UPDATE Chains SET ChiefUserId = @ChiefUserId WHERE Id = @ChainId";

        public const string AddLeading = "INSERT INTO ChainLeadingEnterprises (ChainId, EnterpriseId) VALUES (@ChainId, @EnterpriseId)";

        public const string RemoveLeading = "DELETE FROM ChainLeadingEnterprises WHERE ChainId = @ChainId AND EnterpriseId = @EnterpriseId";
    }
}
