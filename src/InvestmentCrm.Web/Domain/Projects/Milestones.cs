namespace InvestmentCrm.Web.Domain.Projects;

/// <summary>
/// The milestone dates of a project (开工, 投产): the day of its first move to started (or straight to in production,
/// which means it started too) and of its first move to in production. Kept once, like the signing date
/// (<see cref="StageRules"/>): moving back and forth never moves them, so "started in a period" counts each project once.
/// </summary>
public static class Milestones
{
    public static (DateOnly? StartedOn, DateOnly? InProductionOn) After(string toStage, DateOnly? startedOn, DateOnly? inProductionOn, DateOnly today) =>
    (
        startedOn ?? (toStage is ProjectStages.Started or ProjectStages.InProduction ? today : null),
        inProductionOn ?? (toStage == ProjectStages.InProduction ? today : null)
    );
}
