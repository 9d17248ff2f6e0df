using System.Data.Common;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace InvestmentCrm.Web.Infrastructure.Data;

/// <summary>One numbered script of db/&lt;dialect&gt;/, e.g. <c>0001_initial.sql</c>.</summary>
public sealed record MigrationScript(string Name, string Sql)
{
    public string Checksum => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}

public sealed class MigrationException(string message) : Exception(message);

/// <summary>
/// Applies the numbered scripts of db/&lt;dialect&gt;/ in name order, each in its own transaction, and records
/// them with a checksum in <c>SchemaJournal</c>. A script that changed after it ran stops start-up: the fix is a
/// new script, never an edit.
/// </summary>
public sealed class Migrator(Db db, ILogger<Migrator> logger)
{
    public const string JournalTable = "SchemaJournal";

    public static IReadOnlyList<MigrationScript> EmbeddedScripts(ISqlDialect dialect)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"db/{dialect.Name}/";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new MigrationScript(name[prefix.Length..], Read(assembly, name)))
            .ToList();
    }

    /// <summary>Applies the embedded scripts; returns the names applied now.</summary>
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default) =>
        MigrateAsync(EmbeddedScripts(db.Dialect), ct);

    public async Task<IReadOnlyList<string>> MigrateAsync(IReadOnlyList<MigrationScript> scripts, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        if (db.Dialect.MigrationLock.Length > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(db.Dialect.MigrationLock, cancellationToken: ct));
        }

        await connection.ExecuteAsync(new CommandDefinition(db.Dialect.CreateMigrationJournal, cancellationToken: ct));
        var journal = (await connection.QueryAsync<(string Name, string Checksum)>(
                new CommandDefinition($"SELECT ScriptName, Checksum FROM {JournalTable}", cancellationToken: ct)))
            .ToDictionary(row => row.Name, row => row.Checksum, StringComparer.Ordinal);

        foreach (var script in scripts)
        {
            if (journal.TryGetValue(script.Name, out var checksum) && !string.Equals(checksum, script.Checksum, StringComparison.OrdinalIgnoreCase))
            {
                throw new MigrationException(
                    $"Migration {db.Dialect.Name}/{script.Name} was changed after it was applied (checksum {checksum[..12]}… in the journal, " +
                    $"{script.Checksum[..12]}… now). Restore the original script and put the change in a new numbered script.");
            }
        }

        var applied = new List<string>();
        foreach (var script in scripts.Where(s => !journal.ContainsKey(s.Name)))
        {
            await ApplyAsync(connection, script, ct);
            applied.Add(script.Name);
            logger.LogInformation("Applied migration {Dialect}/{Script}", db.Dialect.Name, script.Name);
        }

        return applied;
    }

    private async Task ApplyAsync(DbConnection connection, MigrationScript script, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        try
        {
            foreach (var batch in db.Dialect.SplitBatches(script.Sql))
            {
                await connection.ExecuteAsync(new CommandDefinition(batch, transaction: transaction, commandTimeout: 600, cancellationToken: ct));
            }

            await connection.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO {JournalTable} (ScriptName, Checksum, AppliedAtUtc) VALUES (@Name, @Checksum, @AppliedAtUtc)",
                new { script.Name, script.Checksum, AppliedAtUtc = DateTime.UtcNow },
                transaction,
                cancellationToken: ct));
            await transaction.CommitAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new MigrationException($"Migration {db.Dialect.Name}/{script.Name} failed and was rolled back: {ex.Message}");
        }
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
