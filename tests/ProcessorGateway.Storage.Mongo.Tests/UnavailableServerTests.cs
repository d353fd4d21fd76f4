using System.Net;
using System.Net.Sockets;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Storage.Mongo.Keys;
using ProcessorGateway.Storage.Mongo.Records;
using ProcessorGateway.Storage.Mongo.Schemas;
using ProcessorGateway.Storage.Mongo.Tenants;

namespace ProcessorGateway.Storage.Mongo.Tests;

/// <summary>A MongoDB outage gives UNAVAILABLE quickly, never a hang (docs/design.md §5).</summary>
public sealed class UnavailableServerTests
{
    private static readonly TimeSpan ServerSelection = TimeSpan.FromSeconds(1);

    /// <summary>Far above the 1 s server selection, far below a hang: the test's bound, not a timing assertion.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Every_repository_call_against_an_unreachable_server_throws_unavailable()
    {
        var context = MongoStorageFixture.CreateContext($"mongodb://127.0.0.1:{ClosedLoopbackPort()}/", "t_unreachable", ServerSelection);
        var records = new MongoRecordRepository(context);
        var stored = new StoredRecord("t-down", "students", "stu-1", null, 1, 1, new Dictionary<string, Core.Values.FieldValue>(),
            new Dictionary<string, byte[]>(), [], null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var calls = new Dictionary<string, Func<Task>>
        {
            ["records.Find"] = () => records.FindAsync("t-down", "students", "stu-1", default),
            ["records.TryInsert"] = () => records.TryInsertAsync("t-down", stored, default),
            ["records.TryReplace"] = () => records.TryReplaceAsync("t-down", stored with { Version = 2 }, 1, default),
            ["records.TryDelete"] = () => records.TryDeleteAsync("t-down", "students", "stu-1", 0, default),
            ["records.Query"] = () => records.QueryAsync("t-down", new RecordQuery("students", null, [], [], null, 10), default),
            ["idempotency.TryBegin"] = () => new MongoIdempotencyStore(context).TryBeginAsync("t-down",
                new IdempotencyEntry("key-0001", [1], false, "stu-1", 0, DateTimeOffset.UnixEpoch), default),
            ["idempotency.Complete"] = () => new MongoIdempotencyStore(context).CompleteAsync("t-down", "key-0001", 1, default),
            ["keys.Find"] = () => new MongoKeyVault(context).FindAsync("t-down", Guid.NewGuid(), default),
            ["keys.Insert"] = () => new MongoKeyVault(context).InsertAsync(
                new WrappedKey("t-down", KeyKind.Data, new KeyReference(Guid.NewGuid(), 1), [1], DateTimeOffset.UnixEpoch), default),
            ["schemas.Find"] = () => new MongoSchemaRepository(context).FindAsync("t-down", "students", 0, default),
            ["schemas.TryInsert"] = () => new MongoSchemaRepository(context).TryInsertAsync(
                new CollectionSchema("t-down", "students", 1, [], DateTimeOffset.UnixEpoch), default),
            ["schemas.ListLatest"] = () => new MongoSchemaRepository(context).ListLatestAsync("t-down", default),
            ["tenants.Find"] = () => new MongoTenantRepository(context).FindAsync("t-down", default),
            ["indexes.Start"] = () => new MongoIndexInitializer(context, Microsoft.Extensions.Logging.Abstractions.NullLogger<MongoIndexInitializer>.Instance)
                .StartAsync(default),
        };

        // All at once: each waits out server selection, so together they take about one second.
        var outcomes = await Task.WhenAll(calls.Select(async call =>
        {
            try
            {
                await call.Value();
                return $"{call.Key}: succeeded";
            }
            catch (DomainException e) when (e.Kind == DomainErrorKind.Unavailable)
            {
                return null;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return $"{call.Key}: {e.GetType().Name} {(e as DomainException)?.Kind}";
            }
        })).WaitAsync(Bound);

        Assert.True(outcomes.All(o => o is null), "each call should throw DomainException(Unavailable); got: " + string.Join("; ", outcomes.Where(o => o is not null)));
    }

    [Fact]
    public async Task Unavailable_carries_the_driver_error_and_no_connection_string()
    {
        var port = ClosedLoopbackPort();
        var context = MongoStorageFixture.CreateContext($"mongodb://probe-user:probe-secret@127.0.0.1:{port}/", "t_unreachable", ServerSelection);

        var error = await Assert.ThrowsAsync<DomainException>(() => new MongoTenantRepository(context).FindAsync("t-down", default).WaitAsync(Bound));

        Assert.Equal(DomainErrorKind.Unavailable, error.Kind);
        Assert.NotNull(error.InnerException);
        Assert.DoesNotContain("probe-secret", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A loopback port that was free a moment ago and has nothing listening now.</summary>
    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
