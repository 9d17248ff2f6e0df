using Microsoft.Extensions.Options;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Import;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>A contact person of an enterprise (several per enterprise; the first is the primary one).</summary>
public sealed record EnterpriseContact(string Name, string? Title, string? Phone, string? Email);

/// <summary>An enterprise as the create and edit pages save it: every field, its contacts in order and its chain nodes.</summary>
public sealed record EnterpriseRecord(
    string Uscc,
    string Name,
    string Kind,
    string? Province,
    string? City,
    string? District,
    string? IndustryCode,
    decimal? RegisteredCapitalWan,
    decimal? AnnualRevenueWan,
    int? Employees,
    string? MainProducts,
    string? Website,
    long? ParkId,
    IReadOnlyList<string> Qualifications,
    IReadOnlyList<long> NodeIds,
    IReadOnlyList<EnterpriseContact> Contacts);

public enum EnterpriseSaveOutcome
{
    Created,
    Updated,
    Unchanged,

    /// <summary>Another enterprise has this USCC; <see cref="EnterpriseSaveResult.Id"/> is that one's. Nothing was written.</summary>
    DuplicateUscc,

    /// <summary>Someone saved the enterprise since the form was read. Nothing was written.</summary>
    Conflict,

    /// <summary>
    /// The USCC was free when checked, but another import or user saved it before this save reached the database
    /// (the unique index refused it). Nothing was written.
    /// </summary>
    UsccTakenMeanwhile,

    NotFound,
}

public sealed record EnterpriseSaveResult(EnterpriseSaveOutcome Outcome, long Id, string? ExistingName = null)
{
    public bool Succeeded => Outcome is EnterpriseSaveOutcome.Created or EnterpriseSaveOutcome.Updated or EnterpriseSaveOutcome.Unchanged;
}

/// <summary>
/// The unique index refused a USCC that was free when the import or form looked it up: someone else saved it in
/// between. <see cref="Line"/> is the file line (0 for a form). The transaction is rolled back when this leaves it.
/// </summary>
public sealed class UsccTakenMeanwhileException(int line, string uscc, Exception inner)
    : Exception($"Line {line}: USCC {uscc} was saved by someone else meanwhile.", inner)
{
    public int Line => line;

    public string Uscc => uscc;
}

internal static class UsccTakenMeanwhileTask
{
    /// <summary>Turns the exception, once its transaction has rolled back, into the outcome the form shows.</summary>
    public static async Task<EnterpriseSaveResult> CatchUsccTakenMeanwhile(this Task<EnterpriseSaveResult> save, long id = 0)
    {
        try
        {
            return await save;
        }
        catch (UsccTakenMeanwhileException)
        {
            return new EnterpriseSaveResult(EnterpriseSaveOutcome.UsccTakenMeanwhile, id);
        }
    }
}

/// <summary>What an import did; <see cref="NearDuplicates"/> are names that look like another enterprise's (a warning, not an error).</summary>
public sealed record EnterpriseImportSummary(int Created, int Updated, int Unchanged, IReadOnlyList<NearDuplicate> NearDuplicates)
{
    public int Total => Created + Updated + Unchanged;
}

/// <summary>An imported row whose name, without spaces and bracket variants, equals the name of another enterprise.</summary>
public sealed record NearDuplicate(int Line, string Name, long OtherId, string OtherName, string OtherUscc);

public enum EnterpriseImportMode
{
    /// <summary>Files: create new USCCs, update the ones that differ, leave identical ones untouched.</summary>
    Upsert,

    /// <summary>Demo data: create the missing ones only, so a user's edits of demo enterprises survive a re-seed.</summary>
    CreateMissing,
}

/// <param name="AuditEachRow">One audit entry per created or changed enterprise (uploads, the CLI); otherwise one for the whole run (seed-bulk).</param>
public sealed record EnterpriseImportOptions(EnterpriseImportMode Mode = EnterpriseImportMode.Upsert, bool AuditEachRow = true, string? Source = null);

/// <summary>Chain nodes by "CHAIN:NODE", loaded once per import or form.</summary>
public sealed class NodeDirectory(IReadOnlyDictionary<string, long> ids)
{
    public int Count => ids.Count;

    public bool TryGet(ChainNodeRef node, out long id) => ids.TryGetValue(Key(node), out id);

    public bool Contains(ChainNodeRef node) => ids.ContainsKey(Key(node));

    public IReadOnlyList<long> AllIds => [.. ids.Values];

    private static string Key(ChainNodeRef node) => node.ChainCode.ToUpperInvariant() + ":" + node.NodeCode.ToUpperInvariant();
}

/// <summary>
/// The one place enterprises are written: the upload page, <c>import enterprises FILE</c>, the demo seeder, seed-bulk
/// and the create/edit pages. An import is one transaction that upserts by USCC with commands prepared once and
/// reused for every row, so 10,000 rows take seconds; a row identical to what is stored changes nothing (no new
/// version, no audit entry).
/// </summary>
public sealed partial class EnterpriseWriter(IDb db, AuditLog audit, TimeProvider clock, IOptions<ImportLimits> importLimits)
{
    private const int ProgressEvery = 250;

    public async Task<NodeDirectory> LoadNodesAsync(CancellationToken ct = default)
    {
        var rows = await db.QueryAsync<NodeKey>(Sql.AllNodes, ct: ct);
        return new NodeDirectory(rows.ToDictionary(r => r.ChainCode + ":" + r.NodeCode, r => r.Id, StringComparer.Ordinal));
    }

    /// <summary>Checks every row of the file against the format and the chain nodes in the database.</summary>
    public async Task<ImportResult<EnterpriseImportRow>> ValidateAsync(TabularReadResult file, CancellationToken ct = default)
    {
        var nodes = await LoadNodesAsync(ct);
        return EnterpriseImport.Validate(file, new EnterpriseImportContext(Uscc.IsValid, nodes.Contains));
    }

    /// <summary>Reads, checks and (only when every row is valid) saves a file.</summary>
    public async Task<(ImportResult<EnterpriseImportRow> Validation, EnterpriseImportSummary? Summary)> ImportFileAsync(
        Stream stream, string fileName, EnterpriseImportOptions options, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var file = TabularFile.Read(stream, fileName, importLimits.Value);
        var validation = file.Problems.Count > 0
            ? new ImportResult<EnterpriseImportRow>([], file.Problems)
            : await ValidateAsync(file, ct);
        if (!validation.Ok)
        {
            return (validation, null);
        }

        try
        {
            return (validation, await ImportAsync(validation.Rows, options, progress, ct));
        }
        catch (UsccTakenMeanwhileException e)
        {
            return (new ImportResult<EnterpriseImportRow>([], [new ImportProblem(e.Line, "uscc", ImportKeys.UsccTakenMeanwhile, e.Uscc)]), null);
        }
    }

    /// <summary>Saves validated rows in one transaction; <paramref name="progress"/> hears the number of rows done.</summary>
    public async Task<EnterpriseImportSummary> ImportAsync(
        IReadOnlyList<EnterpriseImportRow> rows, EnterpriseImportOptions options, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var nodes = await LoadNodesAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var summary = await db.InTransactionAsync(async session =>
        {
            await using var find = new Statement(session, Sql.FindByUscc);
            await using var insert = new Statement(session, Sql.Insert + ";\n" + session.Dialect.SelectNewId);
            await using var update = new Statement(session, Sql.UpdateFromImport);
            await using var qualificationsOf = new Statement(session, Sql.QualificationsOf);
            await using var nodesOf = new Statement(session, Sql.NodesOf);
            await using var contactsOf = new Statement(session, Sql.ContactsOf);
            await using var deleteQualifications = new Statement(session, Sql.DeleteQualifications);
            await using var insertQualification = new Statement(session, Sql.InsertQualification);
            await using var deleteNodes = new Statement(session, Sql.DeleteNodes);
            await using var insertNode = new Statement(session, Sql.InsertNode);
            await using var insertContact = new Statement(session, Sql.InsertContact);
            await using var updateContact = new Statement(session, Sql.UpdateContact);
            await using var sameName = new Statement(session, Sql.SameNameKey);

            int created = 0, updated = 0, unchanged = 0, done = 0;
            var nearDuplicates = new List<NearDuplicate>();
            foreach (var row in rows)
            {
                var nameKey = EnterpriseName.Key(row.Name);
                var nodeIds = row.ChainNodes.Select(n => nodes.TryGet(n, out var id) ? id : throw new InvalidOperationException($"Line {row.Line}: chain node {n} vanished after validation."))
                    .Distinct().ToList();
                var existing = await find.Set("Uscc", row.Uscc).QuerySingleAsync(StoredEnterprise.Read);
                if (existing is null)
                {
                    long id;
                    try
                    {
                        id = Convert.ToInt64(await Bind(insert, row, nameKey, now).Set("ParkId", null).ScalarAsync(), CultureInfo.InvariantCulture);
                    }
                    catch (DbException e) when (DbErrors.IsUniqueViolation(e))
                    {
                        // Not there when looked up a moment ago: another import or user saved it since. The whole
                        // import rolls back, so running the file again simply updates that enterprise.
                        throw new UsccTakenMeanwhileException(row.Line, row.Uscc, e);
                    }

                    foreach (var qualification in row.Qualifications)
                    {
                        await insertQualification.Set("EnterpriseId", id).Set("Qualification", qualification).ExecuteAsync();
                    }

                    foreach (var nodeId in nodeIds)
                    {
                        await insertNode.Set("EnterpriseId", id).Set("NodeId", nodeId).ExecuteAsync();
                    }

                    if (row.ContactName is not null)
                    {
                        await insertContact.Set("EnterpriseId", id).Set("Name", row.ContactName).Set("Title", row.ContactTitle)
                            .Set("Phone", row.ContactPhone).Set("Email", row.ContactEmail).Set("IsPrimary", true).Set("SortOrder", 0).ExecuteAsync();
                    }

                    if (options.AuditEachRow)
                    {
                        await audit.WriteAsync(session, "Enterprise", id, "import", new { Outcome = "created", row.Uscc, row.Name, row.Kind, options.Source });
                    }

                    created++;
                    await FindNearDuplicateAsync(sameName, row, nameKey, id, nearDuplicates);
                }
                else if (options.Mode == EnterpriseImportMode.CreateMissing)
                {
                    unchanged++;
                }
                else
                {
                    var storedQualifications = await qualificationsOf.Set("EnterpriseId", existing.Id).ListAsync(r => r.GetString(0));
                    var storedNodes = await nodesOf.Set("EnterpriseId", existing.Id).ListAsync(r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture));
                    var firstContact = await contactsOf.Set("EnterpriseId", existing.Id).QuerySingleAsync(StoredContact.Read);

                    var fieldsChanged = existing.Differs(row, nameKey);
                    var qualificationsChanged = !storedQualifications.ToHashSet(StringComparer.Ordinal).SetEquals(row.Qualifications);
                    var nodesChanged = !storedNodes.ToHashSet().SetEquals(nodeIds);
                    var contactChanged = row.ContactName is not null && (firstContact is null || firstContact.Differs(row));
                    if (!(fieldsChanged || qualificationsChanged || nodesChanged || contactChanged))
                    {
                        unchanged++;
                    }
                    else
                    {
                        await Bind(update, row, nameKey, now).Set("Id", existing.Id).ExecuteAsync();
                        if (qualificationsChanged)
                        {
                            await deleteQualifications.Set("EnterpriseId", existing.Id).ExecuteAsync();
                            foreach (var qualification in row.Qualifications)
                            {
                                await insertQualification.Set("EnterpriseId", existing.Id).Set("Qualification", qualification).ExecuteAsync();
                            }
                        }

                        if (nodesChanged)
                        {
                            await deleteNodes.Set("EnterpriseId", existing.Id).ExecuteAsync();
                            foreach (var nodeId in nodeIds)
                            {
                                await insertNode.Set("EnterpriseId", existing.Id).Set("NodeId", nodeId).ExecuteAsync();
                            }
                        }

                        if (contactChanged && firstContact is not null)
                        {
                            await updateContact.Set("Id", firstContact.Id).Set("Name", row.ContactName).Set("Title", row.ContactTitle)
                                .Set("Phone", row.ContactPhone).Set("Email", row.ContactEmail).ExecuteAsync();
                        }
                        else if (contactChanged)
                        {
                            await insertContact.Set("EnterpriseId", existing.Id).Set("Name", row.ContactName).Set("Title", row.ContactTitle)
                                .Set("Phone", row.ContactPhone).Set("Email", row.ContactEmail).Set("IsPrimary", true).Set("SortOrder", 0).ExecuteAsync();
                        }

                        if (options.AuditEachRow)
                        {
                            await audit.WriteAsync(session, "Enterprise", existing.Id, "import", new
                            {
                                Outcome = "updated",
                                row.Uscc,
                                row.Name,
                                Changes = AuditLog.Diff(existing.Snapshot(), Snapshot(row, nameKey)),
                                Qualifications = qualificationsChanged ? row.Qualifications : null,
                                ChainNodes = nodesChanged ? row.ChainNodes.Select(n => n.ToString()).ToList() : null,
                                Contact = contactChanged ? row.ContactName : null,
                                options.Source,
                            });
                        }

                        updated++;
                        if (existing.NameKey != nameKey)
                        {
                            await FindNearDuplicateAsync(sameName, row, nameKey, existing.Id, nearDuplicates);
                        }
                    }
                }

                if (++done % ProgressEvery == 0)
                {
                    progress?.Report(done);
                }
            }

            if (!options.AuditEachRow && created + updated > 0)
            {
                await audit.WriteAsync(session, "Enterprise", "*", "import", new { Created = created, Updated = updated, Unchanged = unchanged, options.Source });
            }

            return new EnterpriseImportSummary(created, updated, unchanged, nearDuplicates);
        }, ct);
        progress?.Report(rows.Count);
        return summary;
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

    private static async Task FindNearDuplicateAsync(
        Statement sameName, EnterpriseImportRow row, string nameKey, long id, List<NearDuplicate> found)
    {
        var other = await sameName.Set("NameKey", nameKey).Set("Id", id).QuerySingleAsync(r => new IdNameUscc(
            Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), r.GetString(1), r.GetString(2)));
        if (other is not null)
        {
            found.Add(new NearDuplicate(row.Line, row.Name, other.Id, other.Name, other.Uscc));
        }
    }

    private static Statement Bind(Statement statement, EnterpriseImportRow row, string nameKey, DateTime now) => statement
        .Set("Uscc", row.Uscc)
        .Set("Name", row.Name)
        .Set("NameKey", nameKey)
        .Set("Kind", row.Kind)
        .Set("Province", row.Province)
        .Set("City", row.City)
        .Set("District", row.District)
        .Set("IndustryCode", row.IndustryCode)
        .Set("RegisteredCapitalWan", row.RegisteredCapitalWan)
        .Set("AnnualRevenueWan", row.AnnualRevenueWan)
        .Set("Employees", row.Employees)
        .Set("MainProducts", row.MainProducts)
        .Set("Website", row.Website)
        .Set("Now", now);

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

    private static Dictionary<string, object?> Snapshot(EnterpriseImportRow row, string nameKey) => new(StringComparer.Ordinal)
    {
        ["Name"] = row.Name,
        ["Kind"] = row.Kind,
        ["Province"] = row.Province,
        ["City"] = row.City,
        ["District"] = row.District,
        ["IndustryCode"] = row.IndustryCode,
        ["RegisteredCapitalWan"] = row.RegisteredCapitalWan,
        ["AnnualRevenueWan"] = row.AnnualRevenueWan,
        ["Employees"] = row.Employees,
        ["MainProducts"] = row.MainProducts,
        ["Website"] = row.Website,
    };

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

    /// <summary>The stored columns an import compares with; read from the prepared FindByUscc.</summary>
    private sealed record StoredEnterprise(
        long Id, string Name, string NameKey, string Kind, string? Province, string? City, string? District, string? IndustryCode,
        decimal? RegisteredCapitalWan, decimal? AnnualRevenueWan, int? Employees, string? MainProducts, string? Website)
    {
        public static StoredEnterprise Read(DbDataReader r) => new(
            Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), r.GetString(1), r.GetString(2), r.GetString(3),
            Text(r, 4), Text(r, 5), Text(r, 6), Text(r, 7), Number(r, 8), Number(r, 9),
            r.IsDBNull(10) ? null : Convert.ToInt32(r.GetValue(10), CultureInfo.InvariantCulture), Text(r, 11), Text(r, 12));

        public bool Differs(EnterpriseImportRow row, string nameKey) =>
            Name != row.Name || NameKey != nameKey || Kind != row.Kind || Province != row.Province || City != row.City
            || District != row.District || IndustryCode != row.IndustryCode || RegisteredCapitalWan != row.RegisteredCapitalWan
            || AnnualRevenueWan != row.AnnualRevenueWan || Employees != row.Employees || MainProducts != row.MainProducts
            || Website != row.Website;

        public Dictionary<string, object?> Snapshot() => new(StringComparer.Ordinal)
        {
            ["Name"] = Name,
            ["Kind"] = Kind,
            ["Province"] = Province,
            ["City"] = City,
            ["District"] = District,
            ["IndustryCode"] = IndustryCode,
            ["RegisteredCapitalWan"] = RegisteredCapitalWan,
            ["AnnualRevenueWan"] = AnnualRevenueWan,
            ["Employees"] = Employees,
            ["MainProducts"] = MainProducts,
            ["Website"] = Website,
        };
    }

    private sealed record StoredContact(long Id, string Name, string? Title, string? Phone, string? Email)
    {
        public static StoredContact Read(DbDataReader r) =>
            new(Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), r.GetString(1), Text(r, 2), Text(r, 3), Text(r, 4));

        public bool Differs(EnterpriseImportRow row) =>
            Name != row.ContactName || Title != row.ContactTitle || Phone != row.ContactPhone || Email != row.ContactEmail;
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    // SQLite's NUMERIC hands back an integer or a real; read both as the decimal they were written from.
    private static decimal? Number(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToDecimal(r.GetValue(i), CultureInfo.InvariantCulture);

    /// <summary>
    /// A command created once per import and executed for every row with new parameter values: SQLite keeps the
    /// statement compiled, SQL Server reuses the plan of the parameterized batch.
    /// </summary>
    private sealed partial class Statement : IAsyncDisposable
    {
        private readonly DbCommand command;
        private readonly Dictionary<string, DbParameter> parameters = new(StringComparer.Ordinal);

        public Statement(DbSession session, string sql)
        {
            command = session.Connection.CreateCommand();
            command.Transaction = session.Transaction;
            command.CommandText = SqlText.Render(sql, session.Dialect);
            foreach (var name in ParameterName().Matches(sql).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + name;
                parameter.Value = DBNull.Value;
                command.Parameters.Add(parameter);
                parameters[name] = parameter;
            }
        }

        public Statement Set(string name, object? value)
        {
            var parameter = parameters[name];
            switch (value)
            {
                case DateTime time:
                    parameter.DbType = DbType.DateTime2;
                    parameter.Value = time;
                    break;
                case decimal number:
                    parameter.DbType = DbType.Decimal;
                    parameter.Value = number;
                    break;
                case bool flag:
                    parameter.DbType = DbType.Boolean;
                    parameter.Value = flag;
                    break;
                // Uscc is char(18) on SQL Server: matching its type keeps the lookup by USCC an index seek.
                case string text when name == "Uscc":
                    parameter.DbType = DbType.AnsiStringFixedLength;
                    parameter.Size = Domain.Uscc.Length;
                    parameter.Value = text;
                    break;
                case string text:
                    parameter.DbType = DbType.String;
                    parameter.Value = text;
                    break;
                default:
                    parameter.Value = value ?? DBNull.Value;
                    break;
            }

            return this;
        }

        public Task<int> ExecuteAsync() => command.ExecuteNonQueryAsync();

        public Task<object?> ScalarAsync() => command.ExecuteScalarAsync();

        public async Task<T?> QuerySingleAsync<T>(Func<DbDataReader, T> read)
            where T : class
        {
            await using var reader = await command.ExecuteReaderAsync();
            return await reader.ReadAsync() ? read(reader) : null;
        }

        public async Task<List<T>> ListAsync<T>(Func<DbDataReader, T> read)
        {
            var list = new List<T>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                list.Add(read(reader));
            }

            return list;
        }

        public ValueTask DisposeAsync() => command.DisposeAsync();

        [GeneratedRegex(@"@([A-Za-z_][A-Za-z0-9_]*)")]
        private static partial Regex ParameterName();
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
