using System.Globalization;
using InvestmentCrm.Web.Features.Demo;
using InvestmentCrm.Web.Features.Digest;
using InvestmentCrm.Web.Features.Gaps;
using InvestmentCrm.Web.Features.Land;
using InvestmentCrm.Web.Features.Reports;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using InvestmentCrm.Web.Infrastructure.Import;
using InvestmentCrm.Web.Infrastructure.Audit;

namespace InvestmentCrm.Web.Cli;

/// <summary>
/// The app's verbs (README "Command line"). Each runs with the web app's configuration and services, prints
/// its result on stdout and, on bad input, a reason on stderr with a non-zero exit code and nothing changed.
/// Messages follow INVESTMENTCRM_CULTURE, else LANG (zh… → Chinese), else English.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int BadInput = 2;
    public const int Failed = 1;

    private static readonly Dictionary<string, Func<CliContext, string[], Task<int>>> Verbs = new(StringComparer.Ordinal)
    {
        ["migrate"] = SetupCommands.MigrateAsync,
        ["create-user"] = SetupCommands.CreateUserAsync,
        ["seed-demo"] = SetupCommands.SeedDemoAsync,
        ["import"] = ImportCommands.RunAsync,
        ["export"] = ExportCommands.RunAsync,
        ["seed-bulk"] = SeedBulkCommands.RunAsync,
        ["gaps"] = GapsCommands.RunAsync,
        ["grade"] = LandCommands.GradeAsync,
        ["report"] = ReportCommands.RunAsync,
        ["digest"] = DigestCommands.RunAsync,
        ["jobs"] = JobsCommands.RunAsync,
    };

    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error, configure: null);

    /// <summary>Runs one verb; tests pass their own writers and configuration.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Action<WebApplicationBuilder>? configure, string? culture = null)
    {
        culture = AppCultures.Match(culture)
            ?? AppCultures.Match(Environment.GetEnvironmentVariable("INVESTMENTCRM_CULTURE"))
            ?? (Environment.GetEnvironmentVariable("LANG")?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true ? AppCultures.Chinese : AppCultures.English);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        var l = new JsonStringLocalizer(UiStrings.LoadEmbedded());
        if (!Verbs.TryGetValue(args[0], out var verb))
        {
            await stderr.WriteLineAsync(l["Cli.UnknownVerb", args[0], string.Join(", ", Verbs.Keys.Order(StringComparer.Ordinal))]);
            return BadInput;
        }

        // The verb's own arguments are not configuration: pass none to the host, so paths and flags stay ours.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppHost.FindContentRoot() });
        builder.Logging.ClearProviders();
        configure?.Invoke(builder);
        AppHost.AddServices(builder);
        await using var app = builder.Build();

        var context = new CliContext(app.Services, stdout, stderr, l);
        try
        {
            if (args[0] != "migrate")
            {
                await app.Services.GetRequiredService<Migrator>().MigrateAsync();
            }

            return await verb(context, args[1..]);
        }
        catch (MigrationException ex)
        {
            await stderr.WriteLineAsync(ex.Message);
            return Failed;
        }
        catch (System.Data.Common.DbException ex)
        {
            // Locked, unreachable, or a row the database refused: every write runs in a transaction, so the step
            // that failed left nothing behind; say so instead of printing a stack trace.
            await stderr.WriteLineAsync(l["Cli.DatabaseError", ex.Message]);
            return Failed;
        }
    }
}

public sealed record CliContext(IServiceProvider Services, TextWriter Out, TextWriter Error, IStringLocalizer L)
{
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A service scope whose audit entries name the command line as the actor.</summary>
    public IServiceScope AuditedScope()
    {
        var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditLog>().SystemActor = "cli";
        return scope;
    }

    /// <summary>A CSV or XLSX file read within the Import limits, as the upload pages read it.</summary>
    public async Task<TabularReadResult> ReadTabularAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        return TabularFile.Read(stream, path, Get<IOptions<ImportLimits>>().Value);
    }

    public async Task<int> FailAsync(string key, params object[] args)
    {
        await Error.WriteLineAsync(L[key, args]);
        return CommandLine.BadInput;
    }
}
