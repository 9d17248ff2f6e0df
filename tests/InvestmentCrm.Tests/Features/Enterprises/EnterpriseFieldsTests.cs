using System.Reflection;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Infrastructure.Audit;

namespace InvestmentCrm.Tests.Features.Enterprises;

/// <summary>The one shape of an enterprise's twelve columns, shared by the form, the file, the import and the brief.</summary>
public sealed class EnterpriseFieldsTests
{
    private static readonly EnterpriseFields Sample = EnterpriseSamples.Record(UsccTestHelper.Make(1), "台州缝制设备有限公司");

    private static readonly IReadOnlyList<string> FieldNames =
        [.. typeof(EnterpriseFields).GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(p => p.Name)];

    public static TheoryData<string> Fields => [.. FieldNames];

    [Fact]
    public void Shapes_carrying_the_same_twelve_values_have_the_same_fields_whatever_else_they_carry()
    {
        var record = new EnterpriseRecord(Sample) { ParkId = 3, Qualifications = ["listed"], Contacts = [new("张三", null, null, null)] };
        var row = new EnterpriseFileRow(Sample) { Line = 7, ChainNodes = [new("SEW", "HANG")] };

        Assert.Equal(12, FieldNames.Count);
        Assert.True(record.SameFieldsAs(row));
        Assert.True(row.SameFieldsAs(Sample));
        Assert.Empty(AuditLog.Diff(record.AuditFields(), row.AuditFields()));
        Assert.Equal(FieldNames, Sample.AuditFields().Keys);
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void A_change_in_any_one_field_is_seen_and_audited_as_that_field(string field)
    {
        var property = typeof(EnterpriseFields).GetProperty(field)!;
        var changed = new EnterpriseFileRow(Sample);
        property.SetValue(changed, Other(property.GetValue(Sample)));

        Assert.False(changed.SameFieldsAs(Sample));
        Assert.Equal([field], AuditLog.Diff(Sample.AuditFields(), changed.AuditFields()).Keys);
    }

    private static object Other(object? value) => value switch
    {
        string text => text + "X",
        decimal number => number + 1,
        int count => count + 1,
        _ => throw new InvalidOperationException($"No other value for {value}."),
    };
}
