using System.Text.Json;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain.Projects;

namespace InvestmentCrm.Tests.Infrastructure.Web;

/// <summary>
/// Every configuration section is bound and checked when the app starts: a bad value stops start-up with a message
/// that names the setting, instead of a default used silently or an error at the first request that reads it.
/// </summary>
public sealed class SettingsValidationTests
{
    /// <summary>
    /// One bad value or more per section of appsettings.example.json, and what the refusal must name: the key, or for
    /// a key inside a list or a group of settings checked together, the list or group.
    /// </summary>
    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Database:Provider", "Oracle", "Database:Provider" },
        { "App:TimeZone", "Mars/Olympus_Mons", "App:TimeZone" },
        { "App:BaseUrl", "crm.example", "App:BaseUrl" },
        { "Identity:MaxFailedAccessAttempts", "0", "Identity:MaxFailedAccessAttempts" },
        { "Identity:LockoutMinutes", "-5", "Identity:LockoutMinutes" },
        { "Security:RateLimits:PasswordPerClient:WindowSeconds", "0", "Security:RateLimits:PasswordPerClient" },
        { "Security:ForwardedHeaders:KnownProxies:0", "not-an-address", "Security:ForwardedHeaders:KnownProxies" },
        { "Security:Headers:HstsMaxAgeDays", "-1", "Security:Headers:HstsMaxAgeDays" },
        { "Projects:YellowDays", "0", "Projects:YellowDays" },
        { "Projects:RedDays", "20", "Projects:RedDays" },
        { "Projects:UpcomingDays", "abc", "Projects:UpcomingDays" },
        { "Import:MaxRows", "0", "Import:MaxRows" },
        { "Attachments:MaxFileMegabytes", "0", "Attachments:MaxFileMegabytes" },
        { "Pdf:Pages", "0", "Pdf:Pages" },
        { "Pdf:FontFamily", "Brief SC', x; } body { color: red", "Pdf:FontFamily" },
        { "Jobs:WorkerCount", "0", "Jobs:WorkerCount" },
        { "Demo:SeedOnStart", "yes", "Demo:SeedOnStart" },
        { "Email:Smtp:Port", "0", "Email:Smtp:Port" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_value_stops_start_up_with_a_message_naming_the_key(string key, string value, string named)
    {
        await using var app = new AppFactory();
        app.Settings[key] = value;

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains(named, Messages(error), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_section_of_the_settings_example_has_a_bad_value_case()
    {
        var example = Path.Combine(RepoPaths.Root, "appsettings.example.json");
        using var json = JsonDocument.Parse(File.ReadAllText(example), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        // ConnectionStrings is read with Database (a missing SQL Server one stops start-up there); Logging is the host's.
        var sections = json.RootElement.EnumerateObject().Select(p => p.Name)
            .Where(name => !name.StartsWith("//", StringComparison.Ordinal) && name is not ("ConnectionStrings" or "Logging"));
        var covered = BadSettings.Select(row => ((string)row[0]).Split(':')[0]).ToHashSet(StringComparer.Ordinal);

        Assert.All(sections, section => Assert.Contains(section, covered));
    }

    [Fact]
    public void Red_must_come_after_yellow()
    {
        Assert.Empty(new ProjectOptions().Problems());
        Assert.Equal(["Projects:RedDays is 30; it must be more than Projects:YellowDays (30) and at most 3650."],
            new ProjectOptions { YellowDays = 30, RedDays = 30 }.Problems());
    }

    private static string Messages(Exception error) => error switch
    {
        AggregateException all => string.Join("\n", all.InnerExceptions.Select(Messages)),
        { InnerException: { } inner } => error.Message + "\n" + Messages(inner),
        _ => error.Message,
    };
}
