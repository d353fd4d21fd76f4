using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using MongoDB.Driver;
using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Storage.Mongo.Keys;

/// <summary>
/// Keeps the Data Protection key ring in the key vault database, so every replica shares one ring.
/// Data Protection calls this synchronously; the calls are rare (start-up and key-ring refresh).
/// </summary>
internal sealed class MongoXmlRepository(MongoContext context, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => Guard(() =>
        context.DataProtectionKeyCollection.Find(FilterDefinition<DataProtectionKeyDocument>.Empty)
            .SortBy(d => d.CreatedAt)
            .ToList()
            .Select(d => XElement.Parse(d.Xml))
            .ToList());

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        // friendlyName is "key-{guid}" for keys; a random id keeps any other element from colliding.
        var id = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName;
        Guard(() => context.DataProtectionKeyCollection.ReplaceOne(
            d => d.Id == id,
            new DataProtectionKeyDocument { Id = id, Xml = element.ToString(SaveOptions.DisableFormatting), CreatedAt = time.GetUtcNow().UtcDateTime },
            new ReplaceOptions { IsUpsert = true }));
    }

    private static T Guard<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (MongoErrors.IsOutage(e))
        {
            throw DomainErrors.StorageUnavailable(e);
        }
    }
}
