using System.Data.Common;
using System.Text.Json;
using Dapper;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;

namespace InvestmentCrm.Web.Infrastructure.Audit;

/// <summary>
/// Writes who changed what. Call it inside the transaction of the change, so the change and its audit row are
/// committed together or not at all.
/// </summary>
public sealed class AuditLog(IHttpContextAccessor http, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const string DefaultSystemActor = "system";

    /// <summary>The actor when there is no signed-in user (command line, jobs): a code that pages show as a word
    /// (<see cref="People"/>, resource "Audit.Actor.&lt;code&gt;").</summary>
    public string SystemActor { get; set; } = DefaultSystemActor;

    public Task WriteAsync(DbSession session, string entityType, object entityId, string action, object? changes = null) =>
        Write(session.Connection, session.Transaction, entityType, entityId, action, changes);

    private Task Write(DbConnection connection, DbTransaction? transaction, string entityType, object entityId, string action, object? changes)
    {
        var user = http.HttpContext?.User;
        return connection.ExecuteAsync(Sql.Insert, new
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            ActorUserId = user?.UserId(),
            ActorName = user?.Identity?.IsAuthenticated == true ? user.Identity.Name ?? SystemActor : SystemActor,
            EntityType = entityType,
            EntityId = Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            Action = action,
            Changes = changes is null ? null : JsonSerializer.Serialize(changes, Json),
        }, transaction);
    }

    /// <summary>For changes made through an API that keeps its own connection (Identity): written right after it.</summary>
    public async Task WriteAsync(IDb db, string entityType, object entityId, string action, object? changes = null)
    {
        await using var connection = await db.OpenAsync();
        await Write(connection, null, entityType, entityId, action, changes);
    }

    /// <summary>The fields that differ between two snapshots, as { field: [old, new] }.</summary>
    public static Dictionary<string, object?[]> Diff(IReadOnlyDictionary<string, object?> before, IReadOnlyDictionary<string, object?> after)
    {
        var result = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var (key, newValue) in after)
        {
            before.TryGetValue(key, out var oldValue);
            if (!Equals(oldValue, newValue))
            {
                result[key] = [oldValue, newValue];
            }
        }

        return result;
    }

    internal static class Sql
    {
        public const string Insert = """
            INSERT INTO AuditLog (AtUtc, ActorUserId, ActorName, EntityType, EntityId, Action, Changes)
            VALUES (@AtUtc, @ActorUserId, @ActorName, @EntityType, @EntityId, @Action, @Changes)
            """;
    }
}
