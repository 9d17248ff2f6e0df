using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Admin.Audit;

/// <summary>The names of the records a page of audit entries refers to by id (an owner, an enterprise, a chain
/// node…), read one by one: a page holds a few dozen at most, and the tables are read by primary key.</summary>
public static class AuditNames
{
    public static async Task<IReadOnlyDictionary<AuditReference, string>> ReadAsync(IDb db, IEnumerable<AuditReference> references, CancellationToken ct)
    {
        var names = new Dictionary<AuditReference, string>();
        foreach (var reference in references.Distinct())
        {
            if (!long.TryParse(reference.Id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            if (reference.Kind == AuditText.Kinds.Node)
            {
                // Nodes are named as chain:node (SEW:HANG), as everywhere else.
                if (await db.QuerySingleOrDefaultAsync<NodeRow>(Sql.Node, new { Id = id }, ct) is { } node)
                {
                    names[reference] = node.ChainCode + ":" + node.NodeCode;
                }

                continue;
            }

            var sql = reference.Kind switch
            {
                AuditText.Kinds.User => Sql.User,
                AuditText.Kinds.Team => Sql.Team,
                AuditText.Kinds.Enterprise => Sql.Enterprise,
                AuditText.Kinds.Park => Sql.Park,
                AuditText.Kinds.Chain => Sql.Chain,
                _ => null,
            };
            if (sql is not null && await db.ExecuteScalarAsync<string?>(sql, new { Id = id }, ct) is { } name)
            {
                names[reference] = name;
            }
        }

        return names;
    }

    private sealed class NodeRow
    {
        public string ChainCode { get; set; } = "";
        public string NodeCode { get; set; } = "";
    }

    internal static class Sql
    {
        public const string User = "SELECT DisplayName FROM Users WHERE Id = @Id";
        public const string Team = "SELECT Name FROM Teams WHERE Id = @Id";
        public const string Enterprise = "SELECT Name FROM Enterprises WHERE Id = @Id";
        public const string Park = "SELECT Name FROM Parks WHERE Id = @Id";
        public const string Chain = "SELECT Code FROM Chains WHERE Id = @Id";

        public const string Node = """
            SELECT c.Code AS ChainCode, n.Code AS NodeCode
            FROM ChainNodes n
            JOIN Chains c ON c.Id = n.ChainId
            WHERE n.Id = @Id
            """;
    }
}
