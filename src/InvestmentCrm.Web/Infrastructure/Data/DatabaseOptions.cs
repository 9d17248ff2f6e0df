namespace InvestmentCrm.Web.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>The <c>Database</c> section plus <c>ConnectionStrings:Default</c>.</summary>
public sealed class DatabaseOptions
{
    public const string DefaultSqliteConnectionString = "Data Source=App_Data/investmentcrm.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = DefaultSqliteConnectionString;

    /// <summary>Reads the options and, for SQLite, anchors a relative file path at the content root.</summary>
    public static DatabaseOptions From(IConfiguration configuration, string contentRoot)
    {
        var providerText = configuration["Database:Provider"];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
        {
            throw new InvalidOperationException(
                $"Database:Provider must be 'Sqlite' or 'SqlServer', not '{providerText}'.");
        }

        var connectionString = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.SqlServer)
            {
                throw new InvalidOperationException("ConnectionStrings:Default is required when Database:Provider is SqlServer.");
            }

            connectionString = DefaultSqliteConnectionString;
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = SqliteDialect.NormalizeConnectionString(connectionString, contentRoot);
        }

        return new DatabaseOptions { Provider = provider, ConnectionString = connectionString };
    }
}
