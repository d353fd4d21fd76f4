using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Storage.Mongo.Tests;

/// <summary>
/// A <see cref="MongoContext"/> on the test MongoDB with databases of its own (one fixture per test
/// class), configured as in production, with every index created as at start-up.
/// </summary>
public sealed class MongoStorageFixture : IAsyncLifetime
{
    public MongoStorageFixture()
    {
        Database = TestServers.DatabaseFor(typeof(MongoStorageFixture));
        Context = CreateContext(TestServers.MongoConnectionString, Database);
    }

    public string Database { get; }

    public MongoContext Context { get; }

    internal MongoIndexInitializer Indexes => new(Context, NullLogger<MongoIndexInitializer>.Instance);

    public static MongoContext CreateContext(string connectionString, string database, TimeSpan? serverSelectionTimeout = null)
    {
        var options = new MongoStorageOptions { ConnectionString = connectionString, Database = database, KeyVaultDatabase = $"{database}_kv" };
        if (serverSelectionTimeout is { } timeout)
        {
            options.ServerSelectionTimeout = timeout;
            options.OperationTimeout = timeout;
        }

        return new MongoContext(Options.Create(options));
    }

    public Task InitializeAsync() => Indexes.CreateAllAsync(CancellationToken.None).WaitAsync(TestTimeout.Default);

    // Nothing to drop: the development server has no dropDatabase, and the database name is this fixture's own.
    public Task DisposeAsync() => Task.CompletedTask;
}

internal static class TestTimeout
{
    /// <summary>Every awaited storage call gets this bound, so a hang fails with a message instead of stalling the run.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Default);

    public static Task Within(this Task task) => task.WaitAsync(Default);
}
