using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Cli;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Tests.Cli;

/// <summary>migrate, create-user and seed-demo, run as a user would, on a real SQLite file.</summary>
public sealed class SetupCommandsTests : IDisposable
{
    private readonly TempDirectory folder = new("crm-cli");

    private string DbPath => folder.File("cli.db");

    [Fact]
    public async Task Migrate_creates_the_database_and_a_second_run_says_it_is_up_to_date()
    {
        var first = await Support.Cli.RunAsync(DbPath, "migrate");
        var second = await Support.Cli.RunAsync(DbPath, "migrate");

        Assert.Equal(CommandLine.Ok, first.ExitCode);
        Assert.Contains("0001_initial.sql", first.Out, StringComparison.Ordinal);
        Assert.Equal(CommandLine.Ok, second.ExitCode);
        Assert.Contains("up to date", second.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(DbPath));
    }

    [Fact]
    public async Task Create_user_creates_a_user_with_role_and_team_and_refuses_the_same_email_again()
    {
        var created = await Support.Cli.RunAsync(DbPath, "create-user", "chief@zone.gov.cn", "Chief2026", "leader", "--team", "招商三科");
        var again = await Support.Cli.RunAsync(DbPath, "create-user", "chief@zone.gov.cn", "Other2026", "Staff");

        Assert.Equal(CommandLine.Ok, created.ExitCode);
        Assert.Contains("chief@zone.gov.cn", created.Out, StringComparison.Ordinal);
        Assert.Equal(CommandLine.BadInput, again.ExitCode);
        Assert.Contains("already used", again.Error, StringComparison.Ordinal);
        var db = OpenDb();
        Assert.Equal("Leader", await db.ExecuteScalarAsync<string>("SELECT r.Name FROM Users u JOIN UserRoles ur ON ur.UserId = u.Id JOIN Roles r ON r.Id = ur.RoleId WHERE u.Email = 'chief@zone.gov.cn'"));
        Assert.Equal("招商三科", await db.ExecuteScalarAsync<string>("SELECT t.Name FROM Users u JOIN Teams t ON t.Id = u.TeamId WHERE u.Email = 'chief@zone.gov.cn'"));
    }

    [Theory]
    [InlineData("create-user", "x@y.cn", "Passw0rd1", "Boss")]
    [InlineData("create-user", "x@y.cn", "short", "Staff")]
    [InlineData("create-user", "not-an-email", "Passw0rd1", "Staff")]
    [InlineData("create-user", "x@y.cn", "Passw0rd1")]
    [InlineData("create-user", "x@y.cn", "Passw0rd1", "Staff", "--bogus")]
    public async Task Create_user_with_bad_input_fails_with_a_reason_and_creates_nothing(params string[] args)
    {
        var result = await Support.Cli.RunAsync(DbPath, args);

        Assert.Equal(CommandLine.BadInput, result.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.Equal(0, await OpenDb().ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Users"));
    }

    [Fact]
    public async Task Messages_follow_the_chosen_language()
    {
        var chinese = await Support.Cli.RunInAsync("zh-CN", DbPath, "create-user", "x@y.cn", "Passw0rd1", "Boss");

        Assert.Contains("角色“Boss”不存在", chinese.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_demo_twice_loads_the_demo_once()
    {
        var first = await Support.Cli.RunAsync(DbPath, "seed-demo");
        var users = await OpenDb().ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Users");
        var second = await Support.Cli.RunAsync(DbPath, "seed-demo");

        Assert.Equal(CommandLine.Ok, first.ExitCode);
        Assert.Equal(CommandLine.Ok, second.ExitCode);
        Assert.True(users >= 4);
        Assert.Equal(users, await OpenDb().ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Users"));
    }

    [Fact]
    public async Task Seed_demo_reports_what_it_created_kind_by_kind_as_the_database_counts_it()
    {
        var first = await Support.Cli.RunInAsync("zh-CN", DbPath, "seed-demo");
        var second = await Support.Cli.RunAsync(DbPath, "seed-demo");

        var db = OpenDb();
        var projects = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Projects");
        var followUps = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Activities");
        var land = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM LandRecords");
        var enterprises = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Enterprises");
        Assert.True(projects > 0 && followUps > 0 && land > 0);
        Assert.Contains($"企业 +{enterprises}，项目 +{projects}，跟进记录 +{followUps}，亩均效益记录 +{land}", first.Out, StringComparison.Ordinal);
        Assert.Contains("users +0, parks +0, chains +0, enterprises +0, projects +0, follow-ups +0, land-efficiency records +0", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_verb_fails_and_lists_the_verbs()
    {
        var result = await Support.Cli.RunAsync(DbPath, "frobnicate");

        Assert.Equal(CommandLine.BadInput, result.ExitCode);
        Assert.Contains("migrate", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(DbPath));
    }

    [Fact]
    public async Task Import_of_a_missing_file_fails_with_its_name()
    {
        var result = await Support.Cli.RunAsync(DbPath, "import", "chain", folder.File("nope.json"));

        Assert.Equal(CommandLine.BadInput, result.ExitCode);
        Assert.Contains("nope.json", result.Error, StringComparison.Ordinal);
    }

    private Db OpenDb() => new(new DatabaseOptions
    {
        Provider = DatabaseProvider.Sqlite,
        ConnectionString = SqliteDialect.NormalizeConnectionString($"Data Source={DbPath}", folder.Path),
    });

    public void Dispose() => folder.Dispose();
}
