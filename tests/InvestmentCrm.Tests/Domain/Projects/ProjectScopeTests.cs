using System.Globalization;
using System.Security.Claims;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Identity;

namespace InvestmentCrm.Tests.Domain.Projects;

/// <summary>The project scope's create rule: Staff create their own projects, Leaders for a Staff member, Admins for anyone.</summary>
public sealed class ProjectScopeTests
{
    private const long Me = 7;
    private const long Colleague = 8;

    private static ProjectScope Signed(string role, long? team = 1)
    {
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, Me.ToString(CultureInfo.InvariantCulture)), new(ClaimTypes.Role, role)];
        if (team is { } id)
        {
            claims.Add(new(AppClaimsPrincipalFactory.TeamIdClaim, id.ToString(CultureInfo.InvariantCulture)));
        }

        return ProjectScope.For(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));
    }

    [Fact]
    public void Staff_create_projects_they_own_and_choose_no_owner()
    {
        var staff = Signed(Roles.Staff);

        Assert.True(staff.CanCreate);
        Assert.False(staff.ChoosesOwner);
        Assert.True(staff.MayAssign(Me, ownerIsStaff: true));
        Assert.False(staff.MayAssign(Colleague, ownerIsStaff: true));
    }

    [Fact]
    public void Leaders_create_projects_for_a_staff_member_only()
    {
        var leader = Signed(Roles.Leader, team: null);

        Assert.True(leader.CanCreate);
        Assert.True(leader.ChoosesOwner);
        Assert.True(leader.MayAssign(Colleague, ownerIsStaff: true));
        Assert.False(leader.MayAssign(Colleague, ownerIsStaff: false));
        Assert.False(leader.MayAssign(Me, ownerIsStaff: false));
    }

    [Fact]
    public void Admins_create_projects_for_anyone_and_nobody_signed_out_creates_any()
    {
        var admin = Signed(Roles.Admin, team: null);

        Assert.True(admin.CanCreate);
        Assert.True(admin.ChoosesOwner);
        Assert.True(admin.MayAssign(Colleague, ownerIsStaff: false));
        Assert.True(admin.MayAssign(Me, ownerIsStaff: false));
        Assert.False(ProjectScope.Nobody.CanCreate);
        Assert.False(ProjectScope.For(new ClaimsPrincipal(new ClaimsIdentity())).MayAssign(0, ownerIsStaff: true));
    }

    [Fact]
    public void A_mail_reader_sees_their_own_and_their_teams_projects_unless_they_see_all()
    {
        var reader = ProjectScope.ForReader(Me, 3, seesAll: false);

        Assert.True(reader.CanSee(Me, null));
        Assert.True(reader.CanSee(Colleague, 3));
        Assert.False(reader.CanSee(Colleague, 4));
        Assert.True(ProjectScope.ForReader(Me, null, seesAll: true).CanSee(Colleague, 4));
    }
}
