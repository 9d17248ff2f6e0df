using System.Threading;
using Hangfire;
using Hangfire.Dashboard;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Security;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Infrastructure.Jobs;

/// <summary>
/// The Hangfire Dashboard at /admin/jobs, for Admins: a signed-out visitor is sent to the sign-in page (the
/// endpoint requires a signed-in user), Staff and Leaders get 403 from <see cref="AdminOnly"/>. It is served in the
/// request's language (Hangfire ships Chinese strings), names jobs as the domain does (<see cref="JobNames"/>),
/// links to /admin/jobs/schedules (the schedules in words) and loads nothing from outside the app. What an Admin
/// changes there (trigger, requeue, delete) is written to the audit log.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/admin/jobs";

    /// <summary>Our page beside the dashboard; a more specific route than the dashboard's catch-all, so it wins.</summary>
    public const string SchedulesPath = Path + "/schedules";

    /// <summary>
    /// The one inline style element of Hangfire 1.8.25's dashboard layout, allowed by its hash on the dashboard's
    /// paths only. A Hangfire upgrade that changes it shows up as a policy violation in ContentSecurityPolicyBrowserTests.
    /// </summary>
    public const string InlineStyleHash = "'sha256-z7zcnw/4WalZqx+PrNaRnoeLz/G9WXuFqV1WCJ129sg='";

    private static int menuAdded;

    /// <summary>What the dashboard adds to the Content-Security-Policy of its own paths.</summary>
    public static void AllowInPolicy(IServiceCollection services) =>
        services.Configure<SecurityHeaderOptions>(options =>
            options.CspPathSources.Add(new CspPathSource { Path = Path, Directive = "style-src", Sources = InlineStyleHash }));

    public static void Map(WebApplication app)
    {
        var l = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var describers = app.Services.GetServices<JobDescriber>().ToList();
        AddScheduleLinkToMenu(l);
        app.UseWhen(IsDashboardChange, branch => branch.UseMiddleware<DashboardAudit>());
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new AdminOnly()],
            AppPath = "/",
            DashboardTitle = "InvestmentCrm",
            DisplayStorageConnectionString = false,
            DarkModeEnabled = false,
            DisplayNameFunc = (_, job) => JobNames.Describe(job, l, describers),
        }).RequireAuthorization();
    }

    /// <summary>Hangfire's menu is process-wide, so the link is added once whatever the number of hosts.</summary>
    private static void AddScheduleLinkToMenu(IStringLocalizer l)
    {
        if (Interlocked.Exchange(ref menuAdded, 1) == 0)
        {
            NavigationMenu.Items.Add(page => new MenuItem(l["Jobs.Schedules.Title"], page.Url.To("/schedules")));
        }
    }

    private static bool IsDashboardChange(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.Request.Path.StartsWithSegments(Path, out var rest)
        && !rest.StartsWithSegments("/stats")
        && !context.Request.Path.StartsWithSegments(SchedulesPath);

    /// <summary>Admins only; the dashboard answers 403 to a signed-in user who is not one.</summary>
    public sealed class AdminOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }

    /// <summary>Audits each dashboard action an Admin took (its path and the jobs it named) once it succeeded.</summary>
    private sealed class DashboardAudit(RequestDelegate next)
    {
        public async Task InvokeAsync(HttpContext context, AuditLog audit, IDb db)
        {
            var action = context.Request.Path.Value![Path.Length..].Trim('/');
            var jobs = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(context.RequestAborted))["jobs[]"].ToString() : string.Empty;
            await next(context);
            if (context.Response.StatusCode is >= 200 and < 300 && context.User.IsInRole(Roles.Admin))
            {
                await audit.WriteAsync(db, "job", jobs.Length > 0 ? jobs : action, "dashboard:" + action);
            }
        }
    }
}
