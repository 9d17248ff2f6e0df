using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>Another enterprise whose name has the same <see cref="EnterpriseName.Key"/> (spaces and bracket variants removed).</summary>
public sealed record SimilarEnterprise(long Id, string Name, string Uscc);

/// <summary>An imported row whose name, without spaces and bracket variants, equals the name of another enterprise.</summary>
public sealed record NearDuplicate(int Line, string Name, long OtherId, string OtherName, string OtherUscc)
{
    public NearDuplicate(int line, string name, SimilarEnterprise other)
        : this(line, name, other.Id, other.Name, other.Uscc)
    {
    }
}

/// <summary>
/// Near-duplicate names, one rule for every place that looks for them: the create and edit pages ask for a
/// confirmation, the detail page lists them, an import reports them as a warning (through its prepared statement).
/// </summary>
public static class NearDuplicates
{
    /// <summary>The enterprises other than <paramref name="exceptId"/> with this name key, oldest first.</summary>
    public static Task<IReadOnlyList<SimilarEnterprise>> FindAsync(IDb db, string nameKey, long exceptId, CancellationToken ct) =>
        db.QueryAsync<SimilarEnterprise>(Sql.SameNameKey, new { NameKey = nameKey, Id = exceptId }, ct);

    internal static class Sql
    {
        public const string SameNameKey = """
            SELECT Id, Name, Uscc FROM Enterprises WHERE NameKey = @NameKey AND Id <> @Id ORDER BY Id
            """;
    }
}
