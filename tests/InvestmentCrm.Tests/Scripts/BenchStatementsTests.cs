using System.Text.RegularExpressions;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Tests.Scripts;

/// <summary>
/// The benchmarks run the floor (bench/floor) on statements named in their scripts (<c>q=Features.Gaps.GapAnalyser.Pipeline</c>).
/// A statement that moved to another class left bench/gaps-benchmark.sh failing with "has no statement Nodes" only
/// when someone ran it: every name in bench/*.sh must be a statement the floor can find.
/// </summary>
public sealed partial class BenchStatementsTests
{
    [Fact]
    public void Every_statement_a_benchmark_names_exists()
    {
        var statements = SqlStatements.All(SqliteDialect.Instance).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var named = Directory.GetFiles(Path.Combine(RepoPaths.Root, "bench"), "*.sh")
            .SelectMany(file => StatementName().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Name: m.Groups[1].Value)))
            .ToList();

        Assert.True(named.Count > 20, "the benchmarks' statement names were not found");
        var missing = named.Where(n => !statements.Contains("InvestmentCrm.Web." + n.Name)).Select(n => $"{n.File}: {n.Name}").Distinct().ToList();
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    // A whole name: one a script completes in a loop (q=Features.Dashboard.IndexModel.$s) is left out.
    [GeneratedRegex(@"\bq=((?:Features|Infrastructure)\.[A-Za-z0-9_.]*[A-Za-z0-9_])(?![A-Za-z0-9_.$])")]
    private static partial Regex StatementName();
}
