namespace InvestmentCrm.Tests.Support;

public static class RepoPaths
{
    /// <summary>The folder that holds InvestmentCrm.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Db(string dialect) => Path.Combine(Root, "db", dialect);

    public static string Web => Path.Combine(Root, "src", "InvestmentCrm.Web");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "InvestmentCrm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("InvestmentCrm.sln not found above " + AppContext.BaseDirectory);
    }
}
