using InvestmentCrm.Web.Cli;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Mail;

namespace InvestmentCrm.Web.Features.Digest;

/// <summary>
/// <c>digest --week YYYY-Www [--dry-run]</c>: builds the digests of that week; without --dry-run queues them in
/// the outbox and sends what is due. A second run for the same week sends nothing new.
/// </summary>
public static class DigestCommands
{
    public static async Task<int> RunAsync(CliContext cli, string[] args)
    {
        string? weekText = null;
        var dryRun = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--week" when i + 1 < args.Length:
                    weekText = args[++i];
                    break;
                default:
                    return await cli.FailAsync("Email.Cli.Usage");
            }
        }

        if (weekText is null)
        {
            return await cli.FailAsync("Email.Cli.Usage");
        }

        if (!IsoWeekId.TryParse(weekText, out var week))
        {
            return await cli.FailAsync("Email.Cli.BadWeek", weekText);
        }

        using var scope = cli.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<DigestScheduler>().RunAsync(week, dryRun);
        if (dryRun)
        {
            await cli.Out.WriteLineAsync(cli.L["Email.Cli.DryRunHeader", week.ToString()]);
        }

        foreach (var item in result.Items)
        {
            var line = item.Outcome switch
            {
                DigestOutcome.AlreadySent => cli.L["Email.Cli.AlreadySent", item.Email],
                DigestOutcome.Failed => cli.L["Email.Cli.Failed", item.Email, item.Error ?? string.Empty],
                _ => cli.L["Email.Cli.Line", item.Email, item.Subject ?? string.Empty,
                    item.Counts!.StageChanges, item.Counts.NewProjects, item.Counts.Signings, item.Counts.Overdue, item.Counts.DueThisWeek,
                    item.Counts.Red, item.Counts.Yellow, item.Counts.GapChanges, item.Counts.Attachments],
            };
            await cli.Out.WriteLineAsync(line);
        }

        if (dryRun)
        {
            await cli.Out.WriteLineAsync(cli.L["Email.Cli.DryRunSummary", week.ToString(), result.Count(DigestOutcome.WouldSend), result.Count(DigestOutcome.AlreadySent), result.Count(DigestOutcome.Failed)]);
        }
        else
        {
            var sent = await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync();
            await cli.Out.WriteLineAsync(cli.L["Email.Cli.Summary", week.ToString(), result.Count(DigestOutcome.Queued), result.Count(DigestOutcome.AlreadySent), result.Count(DigestOutcome.Failed), sent.Sent, sent.Retrying, sent.Failed]);
        }

        return result.Count(DigestOutcome.Failed) > 0 ? CommandLine.Failed : CommandLine.Ok;
    }
}
