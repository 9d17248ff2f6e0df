using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace InvestmentCrm.Web.Infrastructure.Data;

/// <summary>
/// What a provider's error means, by its error number rather than its message (messages change with the version and
/// the server's language). A check-then-insert in one transaction is not enough on SQL Server under READ COMMITTED:
/// another transaction may commit the same key in between, and the unique index is what finally refuses it.
/// </summary>
public static class DbErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqlServerDuplicateKeyIndex = 2601;
    private const int SqlServerUniqueConstraint = 2627;

    /// <summary>True when a UNIQUE index or constraint refused the statement.</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint && sqlite.SqliteExtendedErrorCode == SqliteConstraintUnique,
        SqlException sqlServer => sqlServer.Number is SqlServerDuplicateKeyIndex or SqlServerUniqueConstraint,
        _ => false,
    };
}
