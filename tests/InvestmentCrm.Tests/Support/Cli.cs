using InvestmentCrm.Web.Cli;

namespace InvestmentCrm.Tests.Support;

/// <summary>Runs a verb of the app's command line against a SQLite file, capturing both streams.</summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Task<Result> RunAsync(string databasePath, params string[] args) => RunInAsync("en", databasePath, args);

    /// <summary>Runs with messages in <paramref name="culture"/> (zh-CN or en).</summary>
    public static Task<Result> RunInAsync(string culture, string databasePath, params string[] args) =>
        RunWithAsync(culture, databasePath, new Dictionary<string, string>(), args);

    /// <summary><c>digest --week WEEK</c>, its mail written as .eml files into <paramref name="mailFolder"/>, no PDFs.</summary>
    public static Task<Result> DigestAsync(string databasePath, string mailFolder, string week) =>
        RunWithAsync("en", databasePath, new Dictionary<string, string>
        {
            ["Email:PickupDirectory"] = mailFolder,
            ["Email:Digest:AttachChainGapPdf"] = "false",
        }, "digest", "--week", week);

    private static async Task<Result> RunWithAsync(string culture, string databasePath, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr, builder =>
        {
            builder.Configuration["ConnectionStrings:Default"] = $"Data Source={databasePath}";
            builder.Configuration["Database:Provider"] = "Sqlite";
            foreach (var (key, value) in settings)
            {
                builder.Configuration[key] = value;
            }
        }, culture);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}
