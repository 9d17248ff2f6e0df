using InvestmentCrm.Tests.Support;
using MimeKit;

namespace InvestmentCrm.Tests.Features.Digest;

/// <summary>
/// What the digest's "gaps opened and closed" is measured against, through the real gap analyser, snapshots and
/// digest run: the first digest after HANG was closed once said no gap changed, because no snapshot was older than
/// the week. The demo now keeps its starting state, and a digest with no previous digest's snapshot measures from
/// the state at the week's start or, failing that, the earliest state recorded in the week, naming its date.
/// </summary>
public sealed class DigestGapBaselineTests(AppFactory app) : IClassFixture<AppFactory>, IDisposable
{
    private readonly TempDirectory folder = new("crm-digest-baseline");

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task The_first_digest_after_hang_closed_reports_it_closed_since_the_demos_starting_state()
    {
        using (var owner = await app.SignedInAsync("staff1@demo.local"))
        {
            var moved = await owner.PostFormAsync("/projects/JJ2026-001", "form[data-testid=move-form]", new Dictionary<string, string>
            {
                ["Move.ToStage"] = "in_production",
                ["Move.SignedOn"] = "2026-11-20",
                ["Move.ContractedInvestmentWan"] = "50000",
            });
            Assert.Equal("/projects/JJ2026-001", moved.Headers.Location?.OriginalString);
        }

        // A week that ends after the demo was seeded, whatever today is: no digest has run before it.
        var mail = folder.File("mail");
        var result = await Support.Cli.DigestAsync(app.DatabasePath, mail, "2099-W10");

        Assert.Equal(0, result.ExitCode);
        var leader = Directory.GetFiles(mail, "*.eml").Select(path => MimeMessage.Load(path))
            .Single(m => m.To.Mailboxes.Single().Address == "leader@demo.local");
        var text = leader.TextBody;
        Assert.Matches(@"缝制设备产业链：自 \d{4}/\d{1,2}/\d{1,2} 以来新出现与已补上的缺口", text);
        Assert.Contains("- 已补上 | 智能吊挂系统", text, StringComparison.Ordinal);
        Assert.DoesNotContain("没有新出现或已补上的缺口", text, StringComparison.Ordinal);
    }
}
