using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain.Chains;
using MimeKit;

namespace InvestmentCrm.Tests.Features.Digest;

/// <summary>
/// A chain chief's weekly digest opens with their chain's gap changes (before the project sections, and before the
/// other chains); another leader's digest keeps the chains in code order after the targets.
/// </summary>
public sealed class ChiefDigestTests(AppFactory app) : IClassFixture<AppFactory>, IDisposable
{
    private readonly TempDirectory folder = new("crm-digest-chief");

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task The_chiefs_digest_puts_their_chains_gap_changes_first_and_others_keep_the_usual_order()
    {
        // A chain whose code sorts before SEW, with a gap: every leader's digest covers it (they follow no chain).
        var alpha = new ChainMap("AAA", "阿尔法测试链", "Alpha test chain", null,
            [
                new ChainNodeSpec("UP", "阿尔法上游", null, Segments.Upstream, null, [], false, null),
                new ChainNodeSpec("DOWN", "阿尔法下游", null, Segments.Downstream, null, [], false, null),
            ],
            [new ChainEdgeSpec("UP", "DOWN", 1m)]);
        Assert.True((await app.SaveChainAsync(alpha)).Succeeded);
        await ChainSamples.MapEnterpriseAsync(app.Db, "AAA", "DOWN", "91330000MA2ALPHA01", 3000m);
        var mail = folder.File("mail");

        var result = await Support.Cli.DigestAsync(app.DatabasePath, mail, "2099-W10");

        Assert.Equal(0, result.ExitCode);
        var messages = Directory.GetFiles(mail, "*.eml").Select(path => MimeMessage.Load(path)).ToList();
        var chief = messages.Single(m => m.To.Mailboxes.Single().Address == "leader@demo.local").TextBody ?? "";
        var opening = chief.IndexOf("您任链长的产业链：缝制设备产业链", StringComparison.Ordinal);
        Assert.True(opening >= 0, chief);
        var changes = chief.IndexOf("缝制设备产业链：自 ", StringComparison.Ordinal);
        var top = chief.IndexOf("缝制设备产业链：最需补链的环节", StringComparison.Ordinal);
        var targets = chief.IndexOf("年签约投资与目标", StringComparison.Ordinal);
        var alphaAt = chief.IndexOf("阿尔法测试链：", StringComparison.Ordinal);
        Assert.True(opening < changes && changes < top && top < targets && targets < alphaAt, chief);

        // The administrator is chief of nothing: the chains in code order, after the targets.
        var admin = messages.Single(m => m.To.Mailboxes.Single().Address == "admin@demo.local").TextBody ?? "";
        Assert.DoesNotContain("您任链长", admin, StringComparison.Ordinal);
        Assert.True(admin.IndexOf("年签约投资与目标", StringComparison.Ordinal) < admin.IndexOf("阿尔法测试链：", StringComparison.Ordinal));
        Assert.True(admin.IndexOf("阿尔法测试链：", StringComparison.Ordinal) < admin.IndexOf("缝制设备产业链：最需补链的环节", StringComparison.Ordinal));
        // Staff get no gap section at all.
        Assert.DoesNotContain("缝制设备产业链：", messages.SingleOrDefault(m => m.To.Mailboxes.Single().Address == "staff1@demo.local")?.TextBody ?? "", StringComparison.Ordinal);
    }
}
