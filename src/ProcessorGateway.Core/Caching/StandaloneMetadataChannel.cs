namespace ProcessorGateway.Core.Caching;

/// <summary>One replica without Redis: there is nobody to tell, and its own evictions are immediate.</summary>
public sealed class StandaloneMetadataChannel : IMetadataChannel
{
    public bool IsListening => true;

    public Task<bool> PublishAsync(string key, CancellationToken cancellationToken) => Task.FromResult(true);
}
