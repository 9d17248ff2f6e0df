using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Infrastructure.Web;

/// <summary>
/// An amount (万元, 亩) with at most two places after the point: what the import accepts
/// (<see cref="Import.ImportFields.MaxDecimals"/>) and SQL Server's decimal(18, 2) keeps. A third place was stored on
/// SQLite and rounded away on SQL Server, and the kept revenue totals of the chain nodes count whole 0.01 万元.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CentsAttribute : ValidationAttribute
{
    public CentsAttribute() => ErrorMessage = "Validation.Cents";

    public override bool IsValid(object? value) =>
        value is not decimal number || decimal.Round(number, Import.ImportFields.MaxDecimals) == number;
}

/// <summary>MVC localizes the messages of the attributes it has adapters for; this adds ours (server-side only).</summary>
public sealed class AppValidationAdapters : IValidationAttributeAdapterProvider
{
    private readonly ValidationAttributeAdapterProvider framework = new();

    public IAttributeAdapter? GetAttributeAdapter(ValidationAttribute attribute, IStringLocalizer? stringLocalizer) =>
        attribute is CentsAttribute cents ? new CentsAdapter(cents, stringLocalizer) : framework.GetAttributeAdapter(attribute, stringLocalizer);

    private sealed class CentsAdapter(CentsAttribute attribute, IStringLocalizer? localizer) : AttributeAdapterBase<CentsAttribute>(attribute, localizer)
    {
        public override void AddValidation(ClientModelValidationContext context)
        {
        }

        public override string GetErrorMessage(ModelValidationContextBase validationContext) =>
            GetErrorMessage(validationContext.ModelMetadata, validationContext.ModelMetadata.GetDisplayName());
    }
}
