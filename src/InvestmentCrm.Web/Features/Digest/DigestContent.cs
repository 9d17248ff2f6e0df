using InvestmentCrm.Web.Domain;

using InvestmentCrm.Web.Infrastructure.Mail;

namespace InvestmentCrm.Web.Features.Digest;

/// <summary>Who gets a digest: an active user with digests on. Leaders and administrators see every project.</summary>
public sealed class DigestRecipient
{
    public long UserId { get; init; }

    public string Email { get; init; } = string.Empty;

    public string DisplayName { get; init; } = string.Empty;

    public string Culture { get; init; } = Infrastructure.Localization.AppCultures.Chinese;

    public long? TeamId { get; init; }

    /// <summary>Leader or Admin: the whole picture (all projects, targets, gaps).</summary>
    public bool SeesAll { get; init; }

    public IReadOnlyList<long> FollowedChainIds { get; set; } = [];

    /// <summary>The chains this user is chief of (链长): their gaps come first in the digest.</summary>
    public IReadOnlyList<long> ChiefOfChainIds { get; set; } = [];
}

/// <summary>Up to N rows of a list and how many there are in all.</summary>
public sealed record DigestSection<T>(IReadOnlyList<T> Rows, int Total)
{
    public static readonly DigestSection<T> Empty = new([], 0);

    public int Hidden => Total - Rows.Count;
}

public sealed class StageChangeItem
{
    public string Code { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;

    public string? FromStage { get; init; }

    public string ToStage { get; init; } = string.Empty;

    public DateTime ChangedAtUtc { get; init; }
}

public sealed class NewProjectItem
{
    public string Code { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;

    public string EnterpriseName { get; init; } = string.Empty;

    public string Stage { get; init; } = string.Empty;

    public string OwnerName { get; init; } = string.Empty;

    public decimal? PlannedInvestmentWan { get; init; }
}

public sealed class SigningItem
{
    public string Code { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;

    public string EnterpriseName { get; init; } = string.Empty;

    public DateOnly SignedOn { get; init; }

    public decimal? InvestmentWan { get; init; }
}

public sealed class FollowUpItem
{
    public string Code { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;

    public string NextStep { get; init; } = string.Empty;

    public DateOnly DueOn { get; init; }

    public string OwnerName { get; init; } = string.Empty;
}

public sealed class StaleProjectItem
{
    public string Code { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;

    public string OwnerName { get; init; } = string.Empty;

    public DateOnly? LastActivityOn { get; init; }

    public DateTime CreatedAtUtc { get; init; }

    /// <summary>A coordination matter of the project is overdue: red whatever the silence.</summary>
    public bool HasOverdueMatter { get; init; }

    /// <summary>Days without activity as of the end of the week (set by the builder).</summary>
    public int IdleDays { get; set; }

    public bool IsRed { get; set; }
}

public sealed class TargetItem
{
    public long? TeamId { get; init; }

    /// <summary>Null for the whole bureau.</summary>
    public string? TeamName { get; init; }

    public decimal? TargetWan { get; init; }

    public decimal SignedWan { get; init; }

    public decimal? Percent => TargetWan is > 0 ? Math.Round(SignedWan * 100m / TargetWan.Value, 1) : null;
}

/// <summary>One chain's gaps for the leaders' section, as the gap analyser ranks them.</summary>
/// <param name="BaselineUtc">When the state that <paramref name="Opened"/> and <paramref name="Closed"/> are measured
/// against was recorded (the mail says "since …"); null when there is none yet, which the mail says too rather than
/// claiming that nothing changed.</param>
/// <param name="LedByRecipient">The recipient is the chain's chief: the mail opens with this chain's changes.</param>
public sealed record ChainGapDigest(
    string ChainCode,
    string ChainName,
    IReadOnlyList<GapDigestItem> TopGaps,
    IReadOnlyList<GapDigestItem> Opened,
    IReadOnlyList<GapDigestItem> Closed,
    string? ChainNameEn = null,
    DateTime? BaselineUtc = null,
    bool LedByRecipient = false);

public sealed record GapDigestItem(string NodeCode, string NodeName, string Status, int? Rank, double? Score, string? NodeNameEn = null);

/// <summary>Everything one person's digest says about one ISO week.</summary>
public sealed class DigestContent
{
    public required DigestRecipient Recipient { get; init; }

    public required IsoWeekId Week { get; init; }

    public DigestSection<StageChangeItem> StageChanges { get; set; } = DigestSection<StageChangeItem>.Empty;

    public DigestSection<NewProjectItem> NewProjects { get; set; } = DigestSection<NewProjectItem>.Empty;

    public DigestSection<SigningItem> Signings { get; set; } = DigestSection<SigningItem>.Empty;

    public decimal SignedInvestmentWan { get; set; }

    public DigestSection<FollowUpItem> Overdue { get; set; } = DigestSection<FollowUpItem>.Empty;

    public DigestSection<FollowUpItem> DueThisWeek { get; set; } = DigestSection<FollowUpItem>.Empty;

    public DigestSection<StaleProjectItem> RedProjects { get; set; } = DigestSection<StaleProjectItem>.Empty;

    public DigestSection<StaleProjectItem> YellowProjects { get; set; } = DigestSection<StaleProjectItem>.Empty;

    /// <summary>Coordination matters past their deadline and not resolved, of the recipient's projects (all for leaders).</summary>
    public DigestSection<MatterItem> OverdueMatters { get; set; } = DigestSection<MatterItem>.Empty;

    /// <summary>Leaders only: signed investment this year against target, bureau first, then each team.</summary>
    public IReadOnlyList<TargetItem> Targets { get; set; } = [];

    /// <summary>Leaders only, when the gap analyser is available.</summary>
    public IReadOnlyList<ChainGapDigest> Gaps { get; set; } = [];

    public List<EmailAttachment> Attachments { get; } = [];

    /// <summary>The project items of the week (what makes a week "empty").</summary>
    public int ProjectItemCount =>
        StageChanges.Total + NewProjects.Total + Signings.Total + Overdue.Total + DueThisWeek.Total + RedProjects.Total + YellowProjects.Total
        + OverdueMatters.Total;

    public int ItemCount => ProjectItemCount + Gaps.Sum(g => g.Opened.Count + g.Closed.Count);

    public bool IsEmptyWeek => ProjectItemCount == 0 && Gaps.All(g => g.Opened.Count == 0 && g.Closed.Count == 0);
}
