using System.Reflection;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace InvestmentCrm.Web.Infrastructure.Web;

/// <summary>
/// MVC binds an empty (or blank) form field to null, even into a property or parameter declared as a non-nullable
/// <c>string</c>. Code that trusts the declaration (<c>Form.Code.Trim()</c> before the validity check, as
/// /chains/create did) then throws and the user gets the 500 page instead of "required". Here a non-nullable string
/// receives the text as typed (""), so the declaration holds and [Required] still rejects it; a <c>string?</c>
/// keeps MVC's empty-to-null, which optional fields rely on.
/// </summary>
public sealed class EmptyStringBinding : IDisplayMetadataProvider
{
    public void CreateDisplayMetadata(DisplayMetadataProviderContext context)
    {
        if (context.Key.ModelType != typeof(string))
        {
            return;
        }

        // NullabilityInfoContext is not thread-safe; metadata is built once per property and cached, so a new one is cheap enough.
        var nullability = context.Key switch
        {
            { MetadataKind: ModelMetadataKind.Property, PropertyInfo: { } property } => new NullabilityInfoContext().Create(property).WriteState,
            { MetadataKind: ModelMetadataKind.Parameter, ParameterInfo: { } parameter } => new NullabilityInfoContext().Create(parameter).WriteState,
            _ => NullabilityState.Unknown,
        };
        if (nullability == NullabilityState.NotNull)
        {
            context.DisplayMetadata.ConvertEmptyStringToNull = false;
        }
    }
}
