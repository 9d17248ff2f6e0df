using System.Text;
using InvestmentCrm.Web.Cli;
using InvestmentCrm.Web.Infrastructure.Audit;

namespace InvestmentCrm.Web.Features.Chains;

/// <summary><c>import chain FILE</c>: the chain-map JSON of the design, saved as the upload page saves it.</summary>
public static class ChainCommands
{
    public static async Task<int> ImportAsync(CliContext cli, string path)
    {
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException)
        {
            return await cli.FailAsync("Chains.Import.NotUtf8", path);
        }

        using var scope = cli.AuditedScope();
        var result = await scope.ServiceProvider.GetRequiredService<ChainMapImporter>().ImportJsonAsync(json);
        if (!result.Succeeded)
        {
            await cli.Error.WriteLineAsync(cli.L["Chains.Import.Failed", path, result.Problems.Count]);
            foreach (var problem in result.Problems)
            {
                await cli.Error.WriteLineAsync($"  {problem.Field}: {ChainProblemText.Message(cli.L, problem)}");
            }

            return CommandLine.BadInput;
        }

        await cli.Out.WriteLineAsync(ChainProblemText.Summary(cli.L, result));
        return CommandLine.Ok;
    }
}
