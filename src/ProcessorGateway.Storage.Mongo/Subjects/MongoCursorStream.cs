using System.Runtime.CompilerServices;
using MongoDB.Driver;

namespace ProcessorGateway.Storage.Mongo.Subjects;

/// <summary>Reads a query through a cursor a batch at a time, so no caller ever holds more than one batch.</summary>
internal static class MongoCursorStream
{
    internal const int BatchSize = 500;

    public static async IAsyncEnumerable<T> StreamAsync<TDocument, T>(
        IMongoCollection<TDocument> collection, FilterDefinition<TDocument> filter, SortDefinition<TDocument> sort, Func<TDocument, T> map,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new FindOptions<TDocument> { BatchSize = BatchSize, Sort = sort };
        using var cursor = await MongoErrors.GuardAsync(() => collection.FindAsync(filter, options, cancellationToken)).ConfigureAwait(false);
        while (await MongoErrors.GuardAsync(() => cursor.MoveNextAsync(cancellationToken)).ConfigureAwait(false))
        {
            foreach (var document in cursor.Current)
            {
                yield return map(document);
            }
        }
    }
}
