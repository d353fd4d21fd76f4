using MongoDB.Driver;
using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Storage.Mongo;

/// <summary>How driver failures read to the domain: duplicates by code, outages as UNAVAILABLE.</summary>
internal static class MongoErrors
{
    private const int DuplicateKeyCode = 11000;

    /// <summary>By the server's code, whatever the exception type: servers and write paths differ in which they throw.</summary>
    public static bool IsDuplicateKey(Exception exception) => exception switch
    {
        MongoWriteException write => write.WriteError?.Code == DuplicateKeyCode,
        MongoBulkWriteException bulk => bulk.WriteErrors.Any(e => e.Code == DuplicateKeyCode),
        MongoCommandException command => command.Code == DuplicateKeyCode,
        _ => false,
    };

    /// <summary>
    /// A bulk write the server refused in part or whole for its documents (a duplicate key, a failed write), not for an
    /// outage or a write concern: which writes landed is then to be read back, as servers differ in what they report.
    /// </summary>
    public static bool IsRefusedBulk(Exception exception) =>
        exception is MongoBulkWriteException { WriteConcernError: null } || IsDuplicateKey(exception);

    public static bool IsOutage(Exception exception) =>
        exception is TimeoutException or MongoConnectionException or MongoNotPrimaryException or MongoNodeIsRecoveringException
            or MongoExecutionTimeoutException or MongoWaitQueueFullException or MongoIncompatibleDriverException
        || (exception is MongoException mongo && mongo.HasErrorLabel("RetryableWriteError"));

    /// <summary>Runs a driver call, turning an outage into <see cref="DomainErrorKind.Unavailable"/>.</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (IsOutage(e))
        {
            throw DomainErrors.StorageUnavailable(e);
        }
    }

    /// <summary>A delete, guarded like any call, answering how many documents it removed.</summary>
    public static Task<long> DeletedCountAsync(Func<Task<DeleteResult>> delete) =>
        GuardAsync(async () => (await delete().ConfigureAwait(false)).DeletedCount);

    public static Task GuardAsync(Func<Task> call) => GuardAsync(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });

    /// <summary>Inserts, answering <c>false</c> on a duplicate key instead of throwing.</summary>
    public static Task<bool> TryInsertAsync<T>(IMongoCollection<T> collection, T document, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            try
            {
                await collection.InsertOneAsync(document, cancellationToken: cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (MongoException e) when (IsDuplicateKey(e))
            {
                return false;
            }
        });
}
