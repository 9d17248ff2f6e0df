using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Tests.Infrastructure.Data;

/// <summary><see cref="DbErrors.IsUniqueViolation"/>, the one definition of "someone else got there first", on each provider.</summary>
public abstract class DbErrorsProviderTests(DatabaseProvider provider) : ProviderDatabaseTests(provider)
{
    [ProviderFact]
    public async Task A_duplicate_in_a_unique_index_and_in_a_composite_primary_key_are_both_unique_violations()
    {
        var now = new DateTime(2026, 1, 5, 2, 0, 0, DateTimeKind.Utc);
        await Db.ExecuteAsync(Sql.InsertEnterprise, new { Uscc = "U1", Name = "甲", Now = now });
        var id = await Db.ExecuteScalarAsync<long>(Sql.EnterpriseId, new { Uscc = "U1" });
        await Db.ExecuteAsync(Sql.InsertQualification, new { EnterpriseId = id });

        var uniqueIndex = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Db.ExecuteAsync(Sql.InsertEnterprise, new { Uscc = "U1", Name = "乙", Now = now }));
        // The primary key of EnterpriseQualifications (EnterpriseId, Qualification): SQLite reports it with its own
        // code (SQLITE_CONSTRAINT_PRIMARYKEY), which one of the two earlier checks did not know.
        var primaryKey = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Db.ExecuteAsync(Sql.InsertQualification, new { EnterpriseId = id }));
        var notNull = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Db.ExecuteAsync(Sql.InsertEnterprise, new { Uscc = "U2", Name = (string?)null, Now = now }));

        Assert.True(DbErrors.IsUniqueViolation(uniqueIndex), uniqueIndex.Message);
        Assert.True(DbErrors.IsUniqueViolation(primaryKey), primaryKey.Message);
        Assert.False(DbErrors.IsUniqueViolation(notNull), notNull.Message);
    }

    internal static class Sql
    {
        public const string InsertEnterprise =
            "INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, CreatedAtUtc, UpdatedAtUtc) VALUES (@Uscc, @Name, 'k', 'local', @Now, @Now)";

        public const string EnterpriseId = "SELECT Id FROM Enterprises WHERE Uscc = @Uscc";

        public const string InsertQualification = "INSERT INTO EnterpriseQualifications (EnterpriseId, Qualification) VALUES (@EnterpriseId, 'high_tech')";
    }
}

public sealed class SqliteDbErrorsTests() : DbErrorsProviderTests(DatabaseProvider.Sqlite);

public sealed class SqlServerDbErrorsTests() : DbErrorsProviderTests(DatabaseProvider.SqlServer), IRunsOnSqlServer;
