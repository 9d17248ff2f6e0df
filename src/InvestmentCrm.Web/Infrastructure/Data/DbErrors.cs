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
    // SQLite's extended result codes: SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY (a primary key is
    // a unique key too: a composite key such as a follow or a node link is refused with this one).
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    // SQL Server: a duplicate in a unique index, and in a UNIQUE or PRIMARY KEY constraint.
    private const int SqlServerDuplicateKeyIndex = 2601;
    private const int SqlServerUniqueConstraint = 2627;

    /// <summary>True when a UNIQUE index, UNIQUE constraint or PRIMARY KEY refused the statement (someone else got there first).</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        // The violation need not be the first error of the batch, which is all SqlException.Number reports.
        SqlException sqlServer => sqlServer.Errors.Cast<SqlError>().Any(e => e.Number is SqlServerDuplicateKeyIndex or SqlServerUniqueConstraint),
        _ => false,
    };
}
