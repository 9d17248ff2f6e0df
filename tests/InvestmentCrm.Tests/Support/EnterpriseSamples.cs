using InvestmentCrm.Web.Infrastructure.Import;
using System.Text;
using InvestmentCrm.Web.Features.Demo;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Support;

/// <summary>Enterprise files, and the writer and importer of a database or of the app under test.</summary>
public static class EnterpriseSamples
{
    public static string DemoCsv()
    {
        using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream(DemoSeeder.EnterprisesResource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A valid row; <paramref name="n"/> makes the USCC and the name unique.</summary>
    public static Dictionary<string, string> Row(int n, string nodes = "SEW:HANG") => new()
    {
        ["uscc"] = UsccTestHelper.Make(n),
        ["name"] = $"台州测试智能装备有限公司{n:000}",
        ["kind"] = n % 2 == 0 ? "local" : "prospect",
        ["province"] = "浙江省",
        ["city"] = "台州市",
        ["district"] = "椒江区",
        ["industry_code"] = "3553",
        ["registered_capital_wan"] = "1000",
        ["annual_revenue_wan"] = (1000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".5",
        ["employees"] = "120",
        ["qualifications"] = n % 3 == 0 ? "high_tech;srdi" : "",
        ["chain_nodes"] = nodes,
        ["main_products"] = "智能吊挂系统，缝制单元",
        ["contact_name"] = "张三",
        ["contact_title"] = "总经理",
        ["contact_phone"] = "0576-88888888",
        ["contact_email"] = "zhang@example.com",
        ["website"] = "www.example.com",
    };

    /// <summary>An enterprise as the create page saves it, every field filled in, with two contacts.</summary>
    public static EnterpriseRecord Record(string uscc, string name) => new()
    {
        Uscc = uscc,
        Name = name,
        Kind = "prospect",
        Province = "浙江省",
        City = "台州市",
        District = "椒江区",
        IndustryCode = "3553",
        RegisteredCapitalWan = 100m,
        AnnualRevenueWan = 2000.25m,
        Employees = 30,
        MainProducts = "吊挂线",
        Website = "www.example.com",
        Qualifications = ["high_tech"],
        Contacts = [new EnterpriseContact("张三", "总经理", null, null), new EnterpriseContact("李四", null, "13800000000", null)],
    };

    public static string Csv(params IReadOnlyDictionary<string, string>[] rows) => ImportTestFiles.CsvText(EnterpriseImport.Header, rows);

    public static Stream Stream(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    public static EnterpriseWriter Writer(IDb db) => new(db, new AuditLog(new HttpContextAccessor(), TimeProvider.System), TimeProvider.System);

    public static EnterpriseImporter Importer(IDb db) =>
        new(db, new AuditLog(new HttpContextAccessor(), TimeProvider.System), TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new ImportLimits()));

    public static async Task<T> WithWriterAsync<T>(this AppFactory app, Func<EnterpriseWriter, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<EnterpriseWriter>());
    }

    public static async Task<T> WithImporterAsync<T>(this AppFactory app, Func<EnterpriseImporter, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<EnterpriseImporter>());
    }

    public static async Task<EnterpriseImportSummary> ImportCsvAsync(this EnterpriseImporter importer, string csv)
    {
        var (validation, summary) = await importer.ImportFileAsync(Stream(csv), "test.csv", new EnterpriseImportOptions());
        Assert.True(validation.Ok, string.Join("\n", validation.Problems));
        return summary!;
    }

    public static async Task<long> IdOfAsync(IDb db, string uscc) =>
        await db.ExecuteScalarAsync<long>("SELECT Id FROM Enterprises WHERE Uscc = @Uscc", new { Uscc = uscc });
}
