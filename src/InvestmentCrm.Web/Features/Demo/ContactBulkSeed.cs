using System.Diagnostics;
using System.Globalization;
using InvestmentCrm.Web.Cli;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Demo;

/// <summary>
/// <c>seed-bulk --contacts N</c>: N more contacts spread evenly over the enterprises already there (each synthetic
/// enterprise brings one), with a mobile number and an e-mail address, so that search everywhere can be measured at
/// 200,000 contacts. Written in one transaction through the contact table's triggers, which keep its search index.
/// </summary>
public static class ContactBulkSeed
{
    private static readonly string[] Mailboxes = ["info", "sales", "office", "market", "hr", "service"];

    public static async Task<int> ContactsAsync(CliContext cli, int count)
    {
        using var scope = cli.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IDb>();
        var enterprises = await db.QueryAsync<long>(Sql.EnterpriseIds);
        if (enterprises.Count == 0)
        {
            return await cli.FailAsync("Enterprises.Cli.NoEnterprises");
        }

        // Seeded by what is there already, as the enterprises are: the same commands give the same contacts.
        var random = new Random(SyntheticEnterprises.Seed + (int)await db.ExecuteScalarAsync<long>(Sql.ContactCount));
        var started = Stopwatch.StartNew();
        await db.InTransactionAsync(async session =>
        {
            await using var insert = new PreparedStatement(session, Sql.Insert);
            for (var i = 0; i < count; i++)
            {
                var (name, title) = SyntheticEnterprises.Person(random);
                var number = (i + 1).ToString(CultureInfo.InvariantCulture);
                await insert.Set("EnterpriseId", enterprises[i % enterprises.Count]).Set("Name", name).Set("Title", title)
                    .Set("Phone", "13" + random.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture))
                    .Set("Email", Mailboxes[random.Next(Mailboxes.Length)] + number + "@firm" + (i % enterprises.Count).ToString(CultureInfo.InvariantCulture) + ".example")
                    .Set("SortOrder", 1 + (i / enterprises.Count))
                    .ExecuteAsync();
            }

            return true;
        });
        await cli.Out.WriteLineAsync(cli.L["Enterprises.Cli.ContactsSeeded", count, enterprises.Count, started.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)]);
        return CommandLine.Ok;
    }

    internal static class Sql
    {
        public const string EnterpriseIds = "SELECT Id FROM Enterprises ORDER BY Id";

        public const string ContactCount = "SELECT COUNT(*) FROM EnterpriseContacts";

        public const string Insert = """
            INSERT INTO EnterpriseContacts (EnterpriseId, Name, Title, Phone, Email, IsPrimary, SortOrder)
            VALUES (@EnterpriseId, @Name, @Title, @Phone, @Email, 0, @SortOrder)
            """;
    }
}
