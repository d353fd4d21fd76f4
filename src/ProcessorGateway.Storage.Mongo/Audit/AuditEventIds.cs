using System.Globalization;
using MongoDB.Driver;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>
/// An event's <c>_id</c>: <c>{chain}/{sequence, 19 digits}</c>. Ids of one chain sort in sequence order
/// and share a prefix, so the <c>_id</c> index alone walks a chain, finds its head, and (leading with
/// the tenant) keeps a tenant-keyed sharded cluster targeted. Chain ids never contain '/'.
/// </summary>
internal static class AuditEventIds
{
    private const char Separator = '/';

    public static string Of(string chainId, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{chainId}{Separator}{sequence:D19}");

    public static long SequenceOf(string id) =>
        long.Parse(id.AsSpan(id.LastIndexOf(Separator) + 1), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Events of the chain after <paramref name="afterSequence"/>: an <c>_id</c> range, '0' being the character after '/'.</summary>
    public static FilterDefinition<AuditEventDocument> After(string chainId, long afterSequence) =>
        Builders<AuditEventDocument>.Filter.Gt(d => d.Id, Of(chainId, afterSequence))
        & Builders<AuditEventDocument>.Filter.Lt(d => d.Id, chainId + (char)(Separator + 1));
}
