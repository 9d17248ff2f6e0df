using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Infrastructure.Web;

/// <summary>Model-binding errors ("'abc' is not a number") in the user's language.</summary>
public static class LocalizedBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider provider, IStringLocalizer l)
    {
        provider.SetAttemptedValueIsInvalidAccessor((value, field) => l["Validation.InvalidValue", value, field]);
        provider.SetMissingBindRequiredValueAccessor(field => l["Validation.Required", field]);
        provider.SetMissingKeyOrValueAccessor(() => l["Validation.RequiredNoName"]);
        provider.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.RequiredNoName"]);
        provider.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["Validation.InvalidValueNoName", value]);
        provider.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.InvalidNoName"]);
        provider.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.NotANumberNoName"]);
        provider.SetUnknownValueIsInvalidAccessor(field => l["Validation.Invalid", field]);
        provider.SetValueIsInvalidAccessor(value => l["Validation.InvalidValueNoName", value]);
        provider.SetValueMustBeANumberAccessor(field => l["Validation.NotANumber", field]);
        provider.SetValueMustNotBeNullAccessor(value => l["Validation.RequiredNoName"]);
    }
}
