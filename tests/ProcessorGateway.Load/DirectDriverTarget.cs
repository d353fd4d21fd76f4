using MongoDB.Bson;
using MongoDB.Driver;

namespace ProcessorGateway.Load;

/// <summary>
/// The first baseline: what a service would do without the gateway. The same students, in plaintext, in a
/// database of their own on the same server, with the gateway's write concern (majority) and an index for
/// the query; one round trip per call, no encryption, no tokens.
/// </summary>
internal sealed class DirectDriverTarget(IMongoClient client, int batchSize) : ILoadTarget
{
    public const string DatabaseName = "pg_load_direct";

    private IMongoCollection<BsonDocument> _students = null!;

    public string Name => "direct driver";

    public bool Supports(Operation operation) => operation != Operation.NoOp;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var database = client.GetDatabase(DatabaseName);
        _students = database.GetCollection<BsonDocument>(StudentRow.Collection).WithWriteConcern(WriteConcern.WMajority);

        // A delete rather than a drop: the development server has no drop command.
        await _students.DeleteManyAsync(FilterDefinition<BsonDocument>.Empty, cancellationToken).ConfigureAwait(false);
        await _students.Indexes.CreateOneAsync(
            new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("email")), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task ExecuteAsync(Operation operation, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        switch (operation)
        {
            case Operation.Put:
                var row = StudentRow.For(caller.NextPutId());
                await _students.ReplaceOneAsync(ById(row.RecordId), Document(row), new ReplaceOptions { IsUpsert = true }, cancellationToken).ConfigureAwait(false);
                break;
            case Operation.Get:
                _ = await _students.Find(ById(caller.ExistingId())).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("a record the caller wrote is missing");
                break;
            case Operation.Query:
                _ = await _students.Find(new BsonDocument("email", StudentRow.EmailOf(caller.ExistingId()))).Limit(10).ToListAsync(cancellationToken).ConfigureAwait(false);
                break;
            case Operation.Batch:
                var writes = caller.NextBatchIds(batchSize).Select(id => StudentRow.For(id))
                    .Select(r => new ReplaceOneModel<BsonDocument>(ById(r.RecordId), Document(r)) { IsUpsert = true });
                await _students.BulkWriteAsync(writes, new BulkWriteOptions { IsOrdered = false }, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "the direct driver runs record operations only");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static BsonDocument ById(string recordId) => new("_id", recordId);

    private static BsonDocument Document(StudentRow row) => new()
    {
        { "_id", row.RecordId },
        { "subject_id", row.SubjectId },
        { "full_name", row.FullName },
        { "email", row.Email },
        { "phone", row.Phone },
        { "address", row.Address },
        { "date_of_birth", row.DateOfBirth.UtcDateTime },
        { "grade_level", row.GradeLevel },
        { "is_minor", true },
    };
}
