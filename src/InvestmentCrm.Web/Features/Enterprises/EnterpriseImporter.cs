using System.Data.Common;
using System.Globalization;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Import;

namespace InvestmentCrm.Web.Features.Enterprises;

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

public sealed partial class EnterpriseWriter
{
    private const int ProgressEvery = 250;

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
        var file = TabularFile.Read(stream, fileName);
        var validation = file.Problems.Count > 0
            ? new ImportResult<EnterpriseImportRow>([], ImportFields.InFileOrder([.. file.Problems]))
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
}
