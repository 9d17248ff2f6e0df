using InvestmentCrm.Web.Domain;

using InvestmentCrm.Web.Infrastructure.Mail;

namespace InvestmentCrm.Web.Features.Digest;

/// <summary>
/// The leaders' gap section and the chain-gap PDF, from the gap analyser (Gaps/GapAnalyser, Gaps/GapSnapshots) and
/// the PDF renderer. The digest has no gap model of its own: without a registered source the section is left out.
/// </summary>
public interface IGapDigestSource
{
    /// <summary>Top gaps of the chain now, and the gaps opened and closed during <paramref name="week"/>.</summary>
    Task<ChainGapDigest?> ChainAsync(string chainCode, IsoWeekId week, int top, CancellationToken ct);

    /// <summary>The chain-gap summary PDF of one chain in <paramref name="culture"/>, or null when it cannot be made here.</summary>
    Task<EmailAttachment?> ChainPdfAsync(string chainCode, string culture, CancellationToken ct);

    /// <summary>After a real run: keep this moment's gaps (a snapshot) as the baseline of next week's "opened or closed".</summary>
    Task RecordBaselineAsync(CancellationToken ct);
}
