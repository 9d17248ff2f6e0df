using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Chains;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Chains;

/// <summary>Chain problems and save outcomes in the reader's language, the same on pages and on the command line.</summary>
public static class ChainProblemText
{
    public static string Message(IStringLocalizer l, FieldProblem problem) => l[problem.Key, problem.Args].Value;

    /// <summary>"Chain SEW created: 27 nodes, 38 supply edges." and so on.</summary>
    public static string Summary(IStringLocalizer l, ChainSaveResult result) =>
        l["Chains.Import.Done." + result.Outcome, result.Code, result.Nodes, result.Edges].Value;
}
