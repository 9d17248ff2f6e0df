using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Parks.Zones;

/// <summary>A zone as listed: its own fields and how many parks it holds.</summary>
public sealed class ZoneRow
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Level { get; set; } = "";
    public decimal? AreaKm2 { get; set; }
    public long Parks { get; set; }
}

/// <summary>How a zone write ended.</summary>
public enum ZoneWrite
{
    Done,
    NotFound,
    NameTaken,
    HasParks,
}

/// <summary>
/// The one place zones are written (the zone pages and the demo): each change in one transaction with its audit row
/// (old → new). A zone is deleted only when no park is in it, so a park never loses its zone silently.
/// </summary>
public sealed class ZoneStore(IDb db, AuditLog audit, TimeProvider clock)
{
    public Task<IReadOnlyList<ZoneRow>> ListAsync(CancellationToken ct) => db.QueryAsync<ZoneRow>(Sql.List, ct: ct);

    public Task<ZoneRow?> FindAsync(long id, CancellationToken ct) => db.QuerySingleOrDefaultAsync<ZoneRow>(Sql.ById, new { Id = id }, ct);

    /// <summary>Creates the zone (<paramref name="id"/> null) or updates it; the new or same id on success.</summary>
    public Task<(ZoneWrite Result, long Id)> SaveAsync(long? id, ZoneForm form, CancellationToken ct)
    {
        var zone = new { Id = id ?? 0, Name = form.Name.Trim(), form.Level, form.AreaKm2, Now = clock.GetUtcNow().UtcDateTime };
        return db.InTransactionAsync(async session =>
        {
            if (await session.ExecuteScalarAsync<long?>(Sql.OtherWithName, zone) is not null)
            {
                return (ZoneWrite.NameTaken, 0L);
            }

            if (id is null)
            {
                var newId = await session.InsertAsync(Sql.Insert, zone);
                await audit.WriteAsync(session, "Zone", newId, "create", form.Values());
                return (ZoneWrite.Done, newId);
            }

            var before = await session.QuerySingleOrDefaultAsync<ZoneRow>(Sql.ById, zone);
            if (before is null)
            {
                return (ZoneWrite.NotFound, 0L);
            }

            await session.ExecuteAsync(Sql.Update, zone);
            var old = new Dictionary<string, object?> { ["Name"] = before.Name, ["Level"] = before.Level, ["AreaKm2"] = before.AreaKm2 };
            await audit.WriteAsync(session, "Zone", zone.Id, "update", AuditLog.Diff(old, form.Values()));
            return (ZoneWrite.Done, zone.Id);
        }, ct);
    }

    public Task<(ZoneWrite Result, string Name)> DeleteAsync(long id, CancellationToken ct) =>
        db.InTransactionAsync(async session =>
        {
            var zone = await session.QuerySingleOrDefaultAsync<ZoneRow>(Sql.ById, new { Id = id });
            if (zone is null)
            {
                return (ZoneWrite.NotFound, "");
            }

            if (zone.Parks > 0)
            {
                return (ZoneWrite.HasParks, zone.Name);
            }

            await session.ExecuteAsync(Sql.Delete, new { Id = id });
            await audit.WriteAsync(session, "Zone", id, "delete", new { zone.Name, zone.Level, zone.AreaKm2 });
            return (ZoneWrite.Done, zone.Name);
        }, ct);

    internal static class Sql
    {
        private const string Select = """
            SELECT z.Id, z.Name, z.Level, z.AreaKm2, (SELECT COUNT(*) FROM Parks p WHERE p.ZoneId = z.Id) AS Parks
            FROM Zones z
            """;

        public const string List = Select + "\nORDER BY z.Name";

        public const string ById = Select + "\nWHERE z.Id = @Id";

        public const string OtherWithName = "SELECT Id FROM Zones WHERE Name = @Name AND Id <> @Id";

        public const string Insert = """
            INSERT INTO Zones (Name, Level, AreaKm2, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Name, @Level, @AreaKm2, @Now, @Now)
            """;

        public const string Update = """
            UPDATE Zones SET Name = @Name, Level = @Level, AreaKm2 = @AreaKm2, UpdatedAtUtc = @Now
            WHERE Id = @Id
            """;

        public const string Delete = "DELETE FROM Zones WHERE Id = @Id";
    }
}
