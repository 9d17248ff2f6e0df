using InvestmentCrm.Web.Cli;

namespace InvestmentCrm.Tests.Support;

/// <summary>Runs a verb of the app's command line against a SQLite file, capturing both streams.</summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Task<Result> RunAsync(string databasePath, params string[] args) => RunInAsync("en", databasePath, args);

    /// <summary>Runs with messages in <paramref name="culture"/> (zh-CN or en).</summary>
    public static async Task<Result> RunInAsync(string culture, string databasePath, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr, builder =>
        {
            builder.Configuration["ConnectionStrings:Default"] = $"Data Source={databasePath}";
            builder.Configuration["Database:Provider"] = "Sqlite";
        }, culture);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}
