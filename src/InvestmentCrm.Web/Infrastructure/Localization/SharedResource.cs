namespace InvestmentCrm.Web.Infrastructure.Localization;

/// <summary>Marker for the one set of UI strings: <c>IStringLocalizer&lt;SharedResource&gt;</c>.</summary>
public sealed class SharedResource;
