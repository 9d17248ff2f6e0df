using System.Xml.Linq;
using Dapper;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace InvestmentCrm.Web.Infrastructure.Identity;

/// <summary>
/// Keeps the Data Protection key ring in the application database, so every web node behind a load balancer
/// decrypts the same sign-in cookies and antiforgery tokens. The keys are stored as Data Protection writes them.
/// </summary>
public sealed class DbXmlRepository(Db db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = db.CreateConnection();
        return connection.Query<string>(Sql.All).Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = db.CreateConnection();
        connection.Execute(Sql.Insert, new
        {
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
            CreatedAtUtc = DateTime.UtcNow,
        });
    }

    internal static class Sql
    {
        public const string All = "SELECT Xml FROM DataProtectionKeys ORDER BY Id";
        public const string Insert = "INSERT INTO DataProtectionKeys (FriendlyName, Xml, CreatedAtUtc) VALUES (@FriendlyName, @Xml, @CreatedAtUtc)";
    }
}
