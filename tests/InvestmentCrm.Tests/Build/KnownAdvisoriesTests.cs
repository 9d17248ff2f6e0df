using System.Text.Json;
using System.Text.RegularExpressions;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Build;

/// <summary>
/// The package mirror serves no vulnerability feed, so `dotnet list package --vulnerable` proves nothing here.
/// Instead the README keeps a checked list of known advisories with each package's first safe version, and this
/// test reads the restored packages of the app and of the tests (obj/project.assets.json) and fails when one of
/// them is below its safe version.
/// </summary>
public sealed partial class KnownAdvisoriesTests
{
    private static readonly string[] AssetsFiles =
    [
        Path.Combine(RepoPaths.Web, "obj", "project.assets.json"),
        Path.Combine(RepoPaths.Root, "tests", "InvestmentCrm.Tests", "obj", "project.assets.json"),
    ];

    [Fact]
    public void No_restored_package_is_below_the_safe_version_the_readme_lists()
    {
        var advisories = ReadmeAdvisories();
        var problems = AssetsFiles.SelectMany(file => Check(File.ReadAllText(file), advisories).Select(p => $"{Path.GetRelativePath(RepoPaths.Root, file)}: {p}")).ToList();

        Assert.True(problems.Count == 0, "Packages below a safe version of README \"Known advisories\":\n" + string.Join('\n', problems));
    }

    [Fact]
    public void The_list_covers_the_sql_client_advisory_and_the_token_library_it_used_to_pull()
    {
        var advisories = ReadmeAdvisories();

        Assert.Equal(new Version(5, 1, 3), advisories["Microsoft.Data.SqlClient"]);
        Assert.Equal(new Version(7, 1, 2), advisories["System.IdentityModel.Tokens.Jwt"]);
        Assert.Equal(new Version(13, 0, 1), advisories["Newtonsoft.Json"]);
    }

    [Fact]
    public void The_check_catches_the_versions_this_project_used_before()
    {
        // What SqlClient 2.1.4 brought into the old build, and Hangfire's own wish for Newtonsoft.Json.
        const string before = """
            { "targets": { "net10.0": {
                "Microsoft.Data.SqlClient/2.1.4": { "type": "package" },
                "System.IdentityModel.Tokens.Jwt/6.8.0": { "type": "package" },
                "Microsoft.Identity.Client/4.21.1": { "type": "package" },
                "Newtonsoft.Json/11.0.1": { "type": "package" },
                "Dapper/2.1.86": { "type": "package" },
                "InvestmentCrm.Web/1.0.0": { "type": "project" } } } }
            """;

        var problems = Check(before, ReadmeAdvisories());

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Microsoft.Data.SqlClient 2.1.4 < 5.1.3", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("System.IdentityModel.Tokens.Jwt 6.8.0 < 7.1.2", StringComparison.Ordinal));
    }

    /// <summary>Package → first safe version, from the table under README's "Known advisories".</summary>
    private static Dictionary<string, Version> ReadmeAdvisories()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("### Known advisories", StringComparison.Ordinal)..];
        var rows = Row().Matches(section[..section.IndexOf("\n\n", section.IndexOf("| ---", StringComparison.Ordinal), StringComparison.Ordinal)]);
        Assert.NotEmpty(rows);
        return rows.ToDictionary(m => m.Groups["package"].Value, m => Version.Parse(m.Groups["safe"].Value), StringComparer.OrdinalIgnoreCase);
    }

    private static List<string> Check(string assetsJson, Dictionary<string, Version> advisories)
    {
        using var assets = JsonDocument.Parse(assetsJson);
        var problems = new List<string>();
        foreach (var target in assets.RootElement.GetProperty("targets").EnumerateObject())
        {
            foreach (var library in target.Value.EnumerateObject().Where(l => l.Value.GetProperty("type").GetString() == "package"))
            {
                var (name, version) = (library.Name[..library.Name.IndexOf('/')], library.Name[(library.Name.IndexOf('/') + 1)..]);
                if (advisories.TryGetValue(name, out var safe) && Version.Parse(version.Split('-', '+')[0]) < safe)
                {
                    problems.Add($"{name} {version} < {safe}");
                }
            }
        }

        return problems;
    }

    // | `Package` | advisory | affected | 1.2.3 | this build |
    [GeneratedRegex(@"^\| `(?<package>[A-Za-z0-9.]+)` \|[^|]*\|[^|]*\| (?<safe>\d+(\.\d+){1,3}) \|", RegexOptions.Multiline)]
    private static partial Regex Row();
}
