using System.Data.Common;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>
/// The one place enterprises are written: the upload page, <c>import enterprises FILE</c>, the demo seeder, seed-bulk
/// and the create/edit pages. An import is one transaction that upserts by USCC with commands prepared once and
/// reused for every row, so 10,000 rows take seconds; a row identical to what is stored changes nothing (no new
/// version, no audit entry).
/// </summary>
public sealed partial class EnterpriseWriter(IDb db, AuditLog audit, TimeProvider clock)
{
    public async Task<NodeDirectory> LoadNodesAsync(CancellationToken ct = default)
    {
        var rows = await db.QueryAsync<NodeKey>(Sql.AllNodes, ct: ct);
        return new NodeDirectory(rows.ToDictionary(r => r.ChainCode + ":" + r.NodeCode, r => r.Id, StringComparer.Ordinal));
    }

    /// <summary>The create page: refused when the USCC is taken (the result names the enterprise that has it).</summary>
    public Task<EnterpriseSaveResult> CreateAsync(EnterpriseRecord record, CancellationToken ct = default) =>
        db.InTransactionAsync(async session =>
        {
            var taken = await session.QuerySingleOrDefaultAsync<IdAndName>(Sql.IdByUscc, new { Uscc = UsccParameter(record.Uscc) });
            if (taken is not null)
            {
                return new EnterpriseSaveResult(EnterpriseSaveOutcome.DuplicateUscc, taken.Id, taken.Name);
            }

            long id;
            try
            {
                id = await session.InsertAsync(Sql.Insert, Parameters(record, clock.GetUtcNow().UtcDateTime));
            }
            catch (DbException e) when (DbErrors.IsUniqueViolation(e))
            {
                throw new UsccTakenMeanwhileException(0, record.Uscc, e);
            }

            await WriteChildrenAsync(session, id, record);
            await audit.WriteAsync(session, "Enterprise", id, "create", AuditView(record));
            return new EnterpriseSaveResult(EnterpriseSaveOutcome.Created, id);
        }, ct).CatchUsccTakenMeanwhile();

    /// <summary>The edit page: refused when the enterprise was saved since <paramref name="expectedVersion"/> was read.</summary>
    public Task<EnterpriseSaveResult> UpdateAsync(long id, int expectedVersion, EnterpriseRecord record, CancellationToken ct = default) =>
        db.InTransactionAsync(async session =>
        {
            var before = await LoadAsync(session, id);
            if (before is null)
            {
                return new EnterpriseSaveResult(EnterpriseSaveOutcome.NotFound, id);
            }

            if (before.Version != expectedVersion)
            {
                return new EnterpriseSaveResult(EnterpriseSaveOutcome.Conflict, id);
            }

            var taken = await session.QuerySingleOrDefaultAsync<IdAndName>(Sql.IdByUscc, new { Uscc = UsccParameter(record.Uscc) });
            if (taken is not null && taken.Id != id)
            {
                return new EnterpriseSaveResult(EnterpriseSaveOutcome.DuplicateUscc, taken.Id, taken.Name);
            }

            var changes = AuditLog.Diff(AuditView(before.Record), AuditView(record));
            if (changes.Count == 0)
            {
                return new EnterpriseSaveResult(EnterpriseSaveOutcome.Unchanged, id);
            }

            var parameters = Parameters(record, clock.GetUtcNow().UtcDateTime);
            parameters.Add("Id", id);
            parameters.Add("Version", expectedVersion);
            try
            {
                if (await session.ExecuteAsync(Sql.Update, parameters) == 0)
                {
                    return new EnterpriseSaveResult(EnterpriseSaveOutcome.Conflict, id);
                }
            }
            catch (DbException e) when (DbErrors.IsUniqueViolation(e))
            {
                throw new UsccTakenMeanwhileException(0, record.Uscc, e);
            }

            await session.ExecuteAsync(Sql.DeleteQualifications, new { EnterpriseId = id });
            await session.ExecuteAsync(Sql.DeleteNodes, new { EnterpriseId = id });
            await session.ExecuteAsync(Sql.DeleteContacts, new { EnterpriseId = id });
            await WriteChildrenAsync(session, id, record);
            await audit.WriteAsync(session, "Enterprise", id, "update", changes);
            return new EnterpriseSaveResult(EnterpriseSaveOutcome.Updated, id);
        }, ct).CatchUsccTakenMeanwhile(id);

    /// <summary>An enterprise as the edit page shows it, with its version; null when there is none with this id.</summary>
    public Task<(EnterpriseRecord Record, int Version)?> LoadAsync(long id, CancellationToken ct = default) =>
        db.InTransactionAsync<(EnterpriseRecord, int)?>(async session => await LoadAsync(session, id) is { } loaded ? (loaded.Record, loaded.Version) : null, ct);

    private static async Task<Loaded?> LoadAsync(DbSession session, long id)
    {
        var row = await session.QuerySingleOrDefaultAsync<EnterpriseRow>(Sql.ById, new { Id = id });
        if (row is null)
        {
            return null;
        }

        var qualifications = await session.QueryAsync<string>(Sql.QualificationsOf, new { EnterpriseId = id });
        var nodes = await session.QueryAsync<long>(Sql.NodesOf, new { EnterpriseId = id });
        var contacts = await session.QueryAsync<ContactRow>(Sql.ContactsOf, new { EnterpriseId = id });
        var record = new EnterpriseRecord(
            row.Uscc, row.Name, row.Kind, row.Province, row.City, row.District, row.IndustryCode, row.RegisteredCapitalWan,
            row.AnnualRevenueWan, row.Employees, row.MainProducts, row.Website, row.ParkId,
            [.. EnterpriseImport.Qualifications.Where(qualifications.Contains)],
            [.. nodes.Order()],
            [.. contacts.Select(c => new EnterpriseContact(c.Name, c.Title, c.Phone, c.Email))]);
        return new Loaded(record, row.Version);
    }

    // Uscc is char(18) on SQL Server: an nvarchar parameter would convert the column and turn the seek into a scan.
    private static Dapper.DbString UsccParameter(string uscc) => new() { Value = uscc, IsAnsi = true, IsFixedLength = true, Length = Domain.Uscc.Length };

    private static async Task WriteChildrenAsync(DbSession session, long id, EnterpriseRecord record)
    {
        foreach (var qualification in record.Qualifications.Distinct(StringComparer.Ordinal))
        {
            await session.ExecuteAsync(Sql.InsertQualification, new { EnterpriseId = id, Qualification = qualification });
        }

        foreach (var nodeId in record.NodeIds.Distinct())
        {
            await session.ExecuteAsync(Sql.InsertNode, new { EnterpriseId = id, NodeId = nodeId });
        }

        for (var i = 0; i < record.Contacts.Count; i++)
        {
            var contact = record.Contacts[i];
            await session.ExecuteAsync(Sql.InsertContact, new
            {
                EnterpriseId = id,
                contact.Name,
                contact.Title,
                contact.Phone,
                contact.Email,
                IsPrimary = i == 0,
                SortOrder = i,
            });
        }
    }

    private static Dapper.DynamicParameters Parameters(EnterpriseRecord r, DateTime now)
    {
        var parameters = new Dapper.DynamicParameters(new
        {
            r.Uscc,
            r.Name,
            NameKey = EnterpriseName.Key(r.Name),
            r.Kind,
            r.Province,
            r.City,
            r.District,
            r.IndustryCode,
            r.RegisteredCapitalWan,
            r.AnnualRevenueWan,
            r.Employees,
            r.MainProducts,
            r.Website,
            r.ParkId,
            Now = now,
        });
        return parameters;
    }

    /// <summary>The record flattened for the audit log's before/after comparison.</summary>
    private static Dictionary<string, object?> AuditView(EnterpriseRecord r) => new(StringComparer.Ordinal)
    {
        ["Uscc"] = r.Uscc,
        ["Name"] = r.Name,
        ["Kind"] = r.Kind,
        ["Province"] = r.Province,
        ["City"] = r.City,
        ["District"] = r.District,
        ["IndustryCode"] = r.IndustryCode,
        ["RegisteredCapitalWan"] = r.RegisteredCapitalWan,
        ["AnnualRevenueWan"] = r.AnnualRevenueWan,
        ["Employees"] = r.Employees,
        ["MainProducts"] = r.MainProducts,
        ["Website"] = r.Website,
        ["ParkId"] = r.ParkId,
        ["Qualifications"] = string.Join(";", r.Qualifications),
        ["NodeIds"] = string.Join(";", r.NodeIds.Order()),
        ["Contacts"] = string.Join(" | ", r.Contacts.Select(c => $"{c.Name}, {c.Title}, {c.Phone}, {c.Email}")),
    };

    private sealed record Loaded(EnterpriseRecord Record, int Version);

    private sealed record NodeKey(long Id, string ChainCode, string NodeCode);

    private sealed record IdAndName(long Id, string Name);

    private sealed record IdNameUscc(long Id, string Name, string Uscc);

    private sealed class EnterpriseRow
    {
        public string Uscc { get; set; } = "";
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? Province { get; set; }
        public string? City { get; set; }
        public string? District { get; set; }
        public string? IndustryCode { get; set; }
        public decimal? RegisteredCapitalWan { get; set; }
        public decimal? AnnualRevenueWan { get; set; }
        public int? Employees { get; set; }
        public string? MainProducts { get; set; }
        public string? Website { get; set; }
        public long? ParkId { get; set; }
        public int Version { get; set; }
    }

    private sealed class ContactRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string? Title { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
    }

    internal static class Sql
    {
        public const string AllNodes = """
            SELECT n.Id, c.Code AS ChainCode, n.Code AS NodeCode
            FROM ChainNodes n
            JOIN Chains c ON c.Id = n.ChainId
            """;

        public const string FindByUscc = """
            SELECT Id, Name, NameKey, Kind, Province, City, District, IndustryCode, RegisteredCapitalWan, AnnualRevenueWan,
                   Employees, MainProducts, Website
            FROM Enterprises
            WHERE Uscc = @Uscc
            """;

        public const string IdByUscc = "SELECT Id, Name FROM Enterprises WHERE Uscc = @Uscc";

        public const string ById = """
            SELECT Uscc, Name, Kind, Province, City, District, IndustryCode, RegisteredCapitalWan, AnnualRevenueWan,
                   Employees, MainProducts, Website, ParkId, Version
            FROM Enterprises
            WHERE Id = @Id
            """;

        // Another enterprise whose name has the same key (spaces and bracket variants removed).
        public const string SameNameKey = """
            SELECT Id, Name, Uscc FROM Enterprises WHERE NameKey = @NameKey AND Id <> @Id ORDER BY Id
            """;

        public const string Insert = """
            INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, Province, City, District, IndustryCode, RegisteredCapitalWan,
                                     AnnualRevenueWan, Employees, MainProducts, Website, ParkId, Version, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Uscc, @Name, @NameKey, @Kind, @Province, @City, @District, @IndustryCode, @RegisteredCapitalWan,
                    @AnnualRevenueWan, @Employees, @MainProducts, @Website, @ParkId, 1, @Now, @Now)
            """;

        // The file has no park column: an import leaves the park as it is.
        public const string UpdateFromImport = """
            UPDATE Enterprises
            SET Uscc = @Uscc, Name = @Name, NameKey = @NameKey, Kind = @Kind, Province = @Province, City = @City,
                District = @District, IndustryCode = @IndustryCode, RegisteredCapitalWan = @RegisteredCapitalWan,
                AnnualRevenueWan = @AnnualRevenueWan, Employees = @Employees, MainProducts = @MainProducts, Website = @Website,
                Version = Version + 1, UpdatedAtUtc = @Now
            WHERE Id = @Id
            """;

        public const string Update = """
            UPDATE Enterprises
            SET Uscc = @Uscc, Name = @Name, NameKey = @NameKey, Kind = @Kind, Province = @Province, City = @City,
                District = @District, IndustryCode = @IndustryCode, RegisteredCapitalWan = @RegisteredCapitalWan,
                AnnualRevenueWan = @AnnualRevenueWan, Employees = @Employees, MainProducts = @MainProducts, Website = @Website,
                ParkId = @ParkId, Version = Version + 1, UpdatedAtUtc = @Now
            WHERE Id = @Id AND Version = @Version
            """;

        public const string QualificationsOf = "SELECT Qualification FROM EnterpriseQualifications WHERE EnterpriseId = @EnterpriseId";

        public const string NodesOf = "SELECT NodeId FROM EnterpriseNodes WHERE EnterpriseId = @EnterpriseId";

        public const string ContactsOf = """
            SELECT Id, Name, Title, Phone, Email FROM EnterpriseContacts WHERE EnterpriseId = @EnterpriseId ORDER BY SortOrder, Id
            """;

        public const string DeleteQualifications = "DELETE FROM EnterpriseQualifications WHERE EnterpriseId = @EnterpriseId";

        public const string InsertQualification = "INSERT INTO EnterpriseQualifications (EnterpriseId, Qualification) VALUES (@EnterpriseId, @Qualification)";

        public const string DeleteNodes = "DELETE FROM EnterpriseNodes WHERE EnterpriseId = @EnterpriseId";

        public const string InsertNode = "INSERT INTO EnterpriseNodes (EnterpriseId, NodeId) VALUES (@EnterpriseId, @NodeId)";

        public const string DeleteContacts = "DELETE FROM EnterpriseContacts WHERE EnterpriseId = @EnterpriseId";

        public const string InsertContact = """
            INSERT INTO EnterpriseContacts (EnterpriseId, Name, Title, Phone, Email, IsPrimary, SortOrder)
            VALUES (@EnterpriseId, @Name, @Title, @Phone, @Email, @IsPrimary, @SortOrder)
            """;

        public const string UpdateContact = "UPDATE EnterpriseContacts SET Name = @Name, Title = @Title, Phone = @Phone, Email = @Email WHERE Id = @Id";
    }
}
