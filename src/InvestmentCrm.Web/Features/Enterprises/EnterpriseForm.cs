using System.ComponentModel.DataAnnotations;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>An enterprise as typed on the create and edit pages.</summary>
public sealed class EnterpriseForm
{
    public const decimal MaxWan = 9_999_999_999_999_999m;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Enterprises.Field.Uscc")]
    public string Uscc { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Enterprises.Field.Name")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Enterprises.Field.Kind")]
    public string Kind { get; set; } = "prospect";

    [StringLength(50, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Enterprises.Field.Province")]
    public string? Province { get; set; }

    [StringLength(50, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Enterprises.Field.City")]
    public string? City { get; set; }

    [StringLength(50, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Enterprises.Field.District")]
    public string? District { get; set; }

    [StringLength(10, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Enterprises.Field.IndustryCode")]
    public string? IndustryCode { get; set; }

    [Range(typeof(decimal), "0", "9999999999999999", ErrorMessage = "Validation.Range")]
    [Cents]
    [Display(Name = "Enterprises.Field.RegisteredCapitalWan")]
    public decimal? RegisteredCapitalWan { get; set; }

    [Range(typeof(decimal), "0", "9999999999999999", ErrorMessage = "Validation.Range")]
    [Cents]
    [Display(Name = "Enterprises.Field.AnnualRevenueWan")]
    public decimal? AnnualRevenueWan { get; set; }

    [Range(0, int.MaxValue, ErrorMessage = "Validation.Range")]
    [Display(Name = "Enterprises.Field.Employees")]
    public int? Employees { get; set; }

    [StringLength(1000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Enterprises.Field.MainProducts")]
    public string? MainProducts { get; set; }

    [StringLength(300, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Enterprises.Field.Website")]
    public string? Website { get; set; }

    [Display(Name = "Enterprises.Field.Park")]
    public long? ParkId { get; set; }

    public List<string> Qualifications { get; set; } = [];

    public List<long> NodeIds { get; set; } = [];

    /// <summary>Chain nodes typed as CHAIN:NODE references (the node picker without script, or typed and not picked).</summary>
    [StringLength(2000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Pickers.AddNodes")]
    public string? AddNodes { get; set; }

    public List<ContactForm> Contacts { get; set; } = [];

    public int Version { get; set; }

    /// <summary>Ticked after the page warned that another enterprise has (nearly) the same name.</summary>
    public bool ConfirmNearDuplicate { get; set; }

    public static EnterpriseForm From(EnterpriseRecord r, int version) => new()
    {
        Uscc = r.Uscc,
        Name = r.Name,
        Kind = r.Kind,
        Province = r.Province,
        City = r.City,
        District = r.District,
        IndustryCode = r.IndustryCode,
        RegisteredCapitalWan = r.RegisteredCapitalWan,
        AnnualRevenueWan = r.AnnualRevenueWan,
        Employees = r.Employees,
        MainProducts = r.MainProducts,
        Website = r.Website,
        ParkId = r.ParkId,
        Qualifications = [.. r.Qualifications],
        NodeIds = [.. r.NodeIds],
        Contacts = [.. r.Contacts.Select(c => new ContactForm { Name = c.Name, Title = c.Title, Phone = c.Phone, Email = c.Email })],
        Version = version,
    };

    /// <summary>
    /// The checks the attributes cannot make (USCC check character, kind, industry code, contacts, nodes and parks that
    /// exist); adds each problem to <paramref name="modelState"/> under its field and returns the record when all is well.
    /// </summary>
    public async Task<EnterpriseRecord?> CheckAsync(ModelStateDictionary modelState, IStringLocalizer l, IDb db, CancellationToken ct)
    {
        Uscc = Domain.Uscc.Normalize(Uscc);
        var usccProblem = Domain.Uscc.Check(Uscc);
        if (usccProblem is not null && usccProblem != UsccProblem.Missing)
        {
            modelState.AddModelError("Form.Uscc", l["Enterprises.Error.Uscc." + usccProblem, Uscc]);
        }

        if (!EnterpriseImport.Kinds.Contains(Kind))
        {
            modelState.AddModelError("Form.Kind", l["Enterprises.Error.Kind"]);
        }

        IndustryCode = Optional(IndustryCode)?.ToUpperInvariant();
        if (IndustryCode is not null && !EnterpriseFields.IsIndustryCode(IndustryCode))
        {
            modelState.AddModelError("Form.IndustryCode", l["Import.Error.BadIndustryCode", IndustryCode]);
        }

        Website = Optional(Website);
        if (Website is not null && !EnterpriseFields.IsWebsite(Website))
        {
            modelState.AddModelError("Form.Website", l["Enterprises.Error.Website", Website]);
        }

        Qualifications = [.. EnterpriseImport.Qualifications.Where(Qualifications.Contains)];
        await CheckNodesAsync(modelState, l, db, ct);

        if (ParkId is { } parkId && await db.ExecuteScalarAsync<long?>(Sql.Park, new { Id = parkId }, ct) is null)
        {
            modelState.AddModelError("Form.ParkId", l["Enterprises.Error.ParkGone"]);
        }

        CheckContacts(modelState, l);
        return modelState.IsValid ? ToRecord() : null;
    }

    // The ticked nodes must still exist; typed references are added when every one names a node, otherwise they stay
    // in their field with the names that were not found.
    private async Task CheckNodesAsync(ModelStateDictionary modelState, IStringLocalizer l, IDb db, CancellationToken ct)
    {
        NodeIds = [.. NodeIds.Distinct()];
        if (NodeIds.Count > Pickers.NodeChoices.MaxChosen
            || (await Pickers.NodeChoices.ByIdsAsync(db, NodeIds, ct)).Count != NodeIds.Count)
        {
            modelState.AddModelError("Form.NodeIds", l["Enterprises.Error.NodeGone"]);
        }

        if (await Pickers.NodeChoices.AddTypedAsync(db, NodeIds, AddNodes, "Form.AddNodes", modelState, l, ct) is not { } ids)
        {
            return;
        }

        NodeIds = ids;
        AddNodes = null;
    }

    // Blank rows (the spare one the form always offers) and rows ticked for removal are dropped, errors and all;
    // a row with anything in it needs a name. The list itself stays as posted, so a re-shown form matches its input.
    private void CheckContacts(ModelStateDictionary modelState, IStringLocalizer l)
    {
        for (var i = 0; i < Contacts.Count; i++)
        {
            if (Contacts[i].Remove || Contacts[i].IsBlank)
            {
                foreach (var key in modelState.Keys.Where(k => k.StartsWith($"Form.Contacts[{i}].", StringComparison.Ordinal)).ToList())
                {
                    modelState.Remove(key);
                }
            }
            else if (string.IsNullOrWhiteSpace(Contacts[i].Name))
            {
                modelState.AddModelError($"Form.Contacts[{i}].Name", l["Enterprises.Error.ContactName"]);
            }
        }
    }

    private EnterpriseRecord ToRecord() => new()
    {
        Uscc = Uscc,
        Name = Name.Trim(),
        Kind = Kind,
        Province = Optional(Province),
        City = Optional(City),
        District = Optional(District),
        IndustryCode = IndustryCode,
        RegisteredCapitalWan = RegisteredCapitalWan,
        AnnualRevenueWan = AnnualRevenueWan,
        Employees = Employees,
        MainProducts = Optional(MainProducts),
        Website = Website,
        ParkId = ParkId,
        Qualifications = Qualifications,
        NodeIds = NodeIds,
        Contacts = [.. Contacts.Where(c => !c.Remove && !c.IsBlank).Select(c => new EnterpriseContact(c.Name!.Trim(), Optional(c.Title), Optional(c.Phone), Optional(c.Email)))],
    };

    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static class Sql
    {
        public const string Park = "SELECT Id FROM Parks WHERE Id = @Id";
        public const string Parks = "SELECT Id, Name FROM Parks ORDER BY Name";
    }
}

public sealed class ContactForm
{
    [StringLength(100, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Enterprises.Field.ContactName")]
    public string? Name { get; set; }

    [StringLength(100, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Enterprises.Field.ContactTitle")]
    public string? Title { get; set; }

    [StringLength(50, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Enterprises.Field.ContactPhone")]
    public string? Phone { get; set; }

    [StringLength(256, ErrorMessage = "Validation.MaxLength")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [Display(Name = "Enterprises.Field.ContactEmail")]
    public string? Email { get; set; }

    /// <summary>Ticked to remove the contact when the form is saved.</summary>
    public bool Remove { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Email);
}

public sealed record ParkChoice(long Id, string Name);
