using Microsoft.Extensions.Hosting;

namespace ProcessorGateway.Storage.Mongo.Subjects;

/// <summary>Creates the subject collections' indexes at start-up, idempotently.</summary>
internal sealed class SubjectIndexInitializer(SubjectCollections collections) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => MongoErrors.GuardAsync(() => collections.CreateIndexesAsync(cancellationToken));

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
