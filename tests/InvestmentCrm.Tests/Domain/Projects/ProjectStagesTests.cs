using System.Text.RegularExpressions;
using InvestmentCrm.Web.Domain.Projects;

namespace InvestmentCrm.Tests.Domain.Projects;

public sealed class ProjectStagesTests
{
    [Fact]
    public void The_sql_lists_of_stages_are_the_csharp_lists()
    {
        Assert.Equal(ProjectStages.Active, Stages(ProjectStages.ActiveList));
        Assert.Equal(ProjectStages.Parked, Stages(ProjectStages.ParkedList));
    }

    private static IEnumerable<string> Stages(string sqlList)
    {
        Assert.Matches(@"^\('[a-z_]+'(, '[a-z_]+')*\)$", sqlList);
        return Regex.Matches(sqlList, "'([a-z_]+)'").Select(m => m.Groups[1].Value);
    }

    [Fact]
    public void Active_is_the_pipeline_before_production()
    {
        Assert.Equal(ProjectStages.Pipeline.TakeWhile(s => s != ProjectStages.InProduction), ProjectStages.Active);
    }

    [Fact]
    public void No_statement_of_the_app_spells_out_a_stage_list_itself()
    {
        // The active and the parked stages were SQL literals in a dozen statements; they now come from
        // ProjectStages.ActiveList and ParkedList. A hand-written list of stages would be a second definition.
        var stages = string.Join("|", ProjectStages.All);
        var list = new Regex($@"Stage\s+(NOT\s+)?IN\s*\(\s*'({stages})'\s*,", RegexOptions.IgnoreCase);
        var offenders = Support.SqlStatements.All(InvestmentCrm.Web.Infrastructure.Data.SqliteDialect.Instance)
            .Where(s => list.IsMatch(s.Sql.Replace(ProjectStages.ActiveList, "(@Active)", StringComparison.Ordinal)
                .Replace(ProjectStages.ParkedList, "(@Parked)", StringComparison.Ordinal)))
            .Select(s => s.Name)
            .ToList();

        Assert.Empty(offenders);
    }
}
