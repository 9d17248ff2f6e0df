using System.Data.Common;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>An enterprise row as stored: its fields and what the writers decide on.</summary>
public sealed record StoredEnterprise : EnterpriseFields
{
    public long Id { get; init; }

    public string NameKey { get; init; } = "";

    public long? ParkId { get; init; }

    public int Version { get; init; }
}

public sealed record StoredContact
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    public string? Title { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }

    public EnterpriseContact Contact => new(Name, Title, Phone, Email);
}

/// <summary>
/// The one way enterprises and their child rows (qualifications, chain nodes, contacts) are read and written by the
/// import and the create/edit pages: statements prepared once per transaction and reused for every enterprise, so an
/// import of 10,000 rows takes seconds. A statement is prepared the first time it is needed.
/// </summary>
public sealed class EnterpriseTables(DbSession session, DateTime now) : IAsyncDisposable
{
    private readonly Dictionary<string, PreparedStatement> statements = new(StringComparer.Ordinal);

    public Task<StoredEnterprise?> FindAsync(string uscc) => Statement(Sql.ByUscc).Set("Uscc", uscc).QueryFirstAsync<StoredEnterprise>();

    public Task<StoredEnterprise?> FindAsync(long id) => Statement(Sql.ById).Set("Id", id).QueryFirstAsync<StoredEnterprise>();

    /// <summary>Inserts the enterprise and returns its id; a USCC saved meanwhile by someone else throws
    /// <see cref="UsccTakenMeanwhileException"/> for file line <paramref name="line"/> (0 for a form).</summary>
    public async Task<long> InsertAsync(EnterpriseFields fields, long? parkId, int line)
    {
        var insert = Statement(Sql.Insert + ";\n" + session.Dialect.SelectNewId);
        try
        {
            return Convert.ToInt64(await Bind(insert, fields).Set("ParkId", parkId).ScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Not there when looked up a moment ago: another import or user saved it since. The whole transaction
            // rolls back, so running the file again simply updates that enterprise.
            throw new UsccTakenMeanwhileException(line, fields.Uscc, e);
        }
    }

    /// <summary>The import's update: the file has no park column, so the park stays as it is.</summary>
    public Task UpdateFieldsAsync(long id, EnterpriseFields fields) => Bind(Statement(Sql.UpdateFields), fields).Set("Id", id).ExecuteAsync();

    /// <summary>The edit page's update; false when the enterprise was saved since <paramref name="version"/> was read.</summary>
    public async Task<bool> UpdateAsync(long id, int version, EnterpriseRecord record)
    {
        try
        {
            return await Bind(Statement(Sql.Update), record).Set("ParkId", record.ParkId).Set("Id", id).Set("Version", version).ExecuteAsync() > 0;
        }
        catch (DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new UsccTakenMeanwhileException(0, record.Uscc, e);
        }
    }

    public Task<List<string>> QualificationsAsync(long id) => Statement(Sql.QualificationsOf).Set("EnterpriseId", id).ListAsync<string>();

    public Task<List<long>> NodeIdsAsync(long id) => Statement(Sql.NodesOf).Set("EnterpriseId", id).ListAsync<long>();

    /// <summary>The contacts in their order; the first is the primary one.</summary>
    public Task<List<StoredContact>> ContactsAsync(long id) => Statement(Sql.ContactsOf).Set("EnterpriseId", id).ListAsync<StoredContact>();

    public Task<StoredContact?> FirstContactAsync(long id) => Statement(Sql.ContactsOf).Set("EnterpriseId", id).QueryFirstAsync<StoredContact>();

    public async Task AddQualificationsAsync(long id, IEnumerable<string> qualifications)
    {
        foreach (var qualification in qualifications.Distinct(StringComparer.Ordinal))
        {
            await Statement(Sql.InsertQualification).Set("EnterpriseId", id).Set("Qualification", qualification).ExecuteAsync();
        }
    }

    public async Task ReplaceQualificationsAsync(long id, IEnumerable<string> qualifications)
    {
        await Statement(Sql.DeleteQualifications).Set("EnterpriseId", id).ExecuteAsync();
        await AddQualificationsAsync(id, qualifications);
    }

    public async Task AddNodesAsync(long id, IEnumerable<long> nodeIds)
    {
        foreach (var nodeId in nodeIds.Distinct())
        {
            await Statement(Sql.InsertNode).Set("EnterpriseId", id).Set("NodeId", nodeId).ExecuteAsync();
        }
    }

    public async Task ReplaceNodesAsync(long id, IEnumerable<long> nodeIds)
    {
        await Statement(Sql.DeleteNodes).Set("EnterpriseId", id).ExecuteAsync();
        await AddNodesAsync(id, nodeIds);
    }

    /// <summary>Adds the contacts in order after none: the first becomes the primary one.</summary>
    public async Task AddContactsAsync(long id, IReadOnlyList<EnterpriseContact> contacts)
    {
        for (var i = 0; i < contacts.Count; i++)
        {
            var contact = contacts[i];
            await Statement(Sql.InsertContact).Set("EnterpriseId", id).Set("Name", contact.Name).Set("Title", contact.Title)
                .Set("Phone", contact.Phone).Set("Email", contact.Email).Set("IsPrimary", i == 0).Set("SortOrder", i).ExecuteAsync();
        }
    }

    public async Task ReplaceContactsAsync(long id, IReadOnlyList<EnterpriseContact> contacts)
    {
        await Statement(Sql.DeleteContacts).Set("EnterpriseId", id).ExecuteAsync();
        await AddContactsAsync(id, contacts);
    }

    /// <summary>Overwrites one contact in place, keeping its position.</summary>
    public Task UpdateContactAsync(long contactId, EnterpriseContact contact) =>
        Statement(Sql.UpdateContact).Set("Id", contactId).Set("Name", contact.Name).Set("Title", contact.Title)
            .Set("Phone", contact.Phone).Set("Email", contact.Email).ExecuteAsync();

    /// <summary>The oldest other enterprise with the same name key (see <see cref="NearDuplicates"/>).</summary>
    public Task<SimilarEnterprise?> FirstSimilarAsync(string nameKey, long exceptId) =>
        Statement(NearDuplicates.Sql.SameNameKey).Set("NameKey", nameKey).Set("Id", exceptId).QueryFirstAsync<SimilarEnterprise>();

    public async ValueTask DisposeAsync()
    {
        foreach (var statement in statements.Values)
        {
            await statement.DisposeAsync();
        }
    }

    private PreparedStatement Statement(string sql)
    {
        if (!statements.TryGetValue(sql, out var statement))
        {
            // Uscc is char(18) on SQL Server: matching its type keeps the lookup by USCC an index seek.
            statement = new PreparedStatement(session, sql).FixedAnsi("Uscc", Uscc.Length);
            statements.Add(sql, statement);
        }

        return statement;
    }

    private PreparedStatement Bind(PreparedStatement statement, EnterpriseFields fields) => statement
        .Set("Uscc", fields.Uscc)
        .Set("Name", fields.Name)
        .Set("NameKey", EnterpriseName.Key(fields.Name))
        .Set("Kind", fields.Kind)
        .Set("Province", fields.Province)
        .Set("City", fields.City)
        .Set("District", fields.District)
        .Set("IndustryCode", fields.IndustryCode)
        .Set("RegisteredCapitalWan", fields.RegisteredCapitalWan)
        .Set("AnnualRevenueWan", fields.AnnualRevenueWan)
        .Set("Employees", fields.Employees)
        .Set("MainProducts", fields.MainProducts)
        .Set("Website", fields.Website)
        .Set("Now", now);

    internal static class Sql
    {
        private const string Stored = """
            SELECT Id, Uscc, Name, NameKey, Kind, Province, City, District, IndustryCode, RegisteredCapitalWan, AnnualRevenueWan,
                   Employees, MainProducts, Website, ParkId, Version
            FROM Enterprises

            """;

        public const string ByUscc = Stored + "WHERE Uscc = @Uscc";

        public const string ById = Stored + "WHERE Id = @Id";

        public const string Insert = """
            INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, Province, City, District, IndustryCode, RegisteredCapitalWan,
                                     AnnualRevenueWan, Employees, MainProducts, Website, ParkId, Version, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Uscc, @Name, @NameKey, @Kind, @Province, @City, @District, @IndustryCode, @RegisteredCapitalWan,
                    @AnnualRevenueWan, @Employees, @MainProducts, @Website, @ParkId, 1, @Now, @Now)
            """;

        private const string SetFields = """
            UPDATE Enterprises
            SET Uscc = @Uscc, Name = @Name, NameKey = @NameKey, Kind = @Kind, Province = @Province, City = @City,
                District = @District, IndustryCode = @IndustryCode, RegisteredCapitalWan = @RegisteredCapitalWan,
                AnnualRevenueWan = @AnnualRevenueWan, Employees = @Employees, MainProducts = @MainProducts, Website = @Website,
                Version = Version + 1, UpdatedAtUtc = @Now
            """;

        public const string UpdateFields = SetFields + "\nWHERE Id = @Id";

        public const string Update = SetFields + ", ParkId = @ParkId\nWHERE Id = @Id AND Version = @Version";

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
