using System.Net;
using AngleSharp.Dom;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.SavedViews;

/// <summary>What a user does with saved views, through the pages as a browser would.</summary>
public static class SavedViewSteps
{
    public sealed class StoredView
    {
        public long Id { get; set; }
        public long OwnerUserId { get; set; }
        public string List { get; set; } = "";
        public string Name { get; set; } = "";
        public string Query { get; set; } = "";
        public bool IsShared { get; set; }
        public int Version { get; set; }
    }

    /// <summary>Opens <paramref name="listUrl"/> and posts its "save view" form with <paramref name="name"/>.</summary>
    public static async Task<HttpResponseMessage> SaveAsync(TestBrowser browser, string listUrl, string name) =>
        await browser.SubmitAsync(await browser.PageAsync(listUrl), "form[data-testid=save-view-form]", new Dictionary<string, string> { ["name"] = name });

    /// <summary>Saves a view and follows to the list it applies.</summary>
    public static async Task<(StoredView View, IDocument List)> SavedAsync(AppFactory app, TestBrowser browser, string listUrl, string name)
    {
        var response = await SaveAsync(browser, listUrl, name);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await browser.FollowAsync(response);
        return (await ByNameAsync(app, name), list);
    }

    /// <summary>The newest view of that name (two users may each have one).</summary>
    public static async Task<StoredView> ByNameAsync(AppFactory app, string name) =>
        (await app.Db.QueryAsync<StoredView>("SELECT Id, OwnerUserId, List, Name, Query, IsShared, Version FROM SavedViews WHERE Name = @name ORDER BY Id DESC", new { name }))[0];

    public static async Task<StoredView?> FindAsync(AppFactory app, long id) =>
        (await app.Db.QueryAsync<StoredView>("SELECT Id, OwnerUserId, List, Name, Query, IsShared, Version FROM SavedViews WHERE Id = @id", new { id })).SingleOrDefault();

    public static Task<long> CountAsync(AppFactory app, string table) => app.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM " + table);

    /// <summary>The tab of a view above a list, or null.</summary>
    public static IElement? Tab(IDocument list, long viewId) => list.QuerySelector($"[data-testid=saved-view-tabs] a[data-view='{viewId}']");

    /// <summary>The view's entry on /saved-views, or null.</summary>
    public static IElement? Entry(IDocument manage, long viewId) => manage.QuerySelector($"li[data-view='{viewId}']");

    /// <summary>Posts one of /saved-views' handlers for a view with the page's own antiforgery token (a forged form).</summary>
    public static async Task<HttpResponseMessage> PostHandlerAsync(TestBrowser browser, string handler, params (string Key, string Value)[] fields)
    {
        var token = (await browser.PageAsync("/saved-views")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await browser.Client.PostAsync("/saved-views?handler=" + handler,
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))]));
    }

    public static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
