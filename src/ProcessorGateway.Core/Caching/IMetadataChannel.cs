namespace ProcessorGateway.Core.Caching;

/// <summary>
/// How replicas tell each other that a tenant, schema or client changed (Redis pub/sub, or nobody when the
/// gateway runs alone). A replica may serve cached metadata only while it is listening.
/// </summary>
public interface IMetadataChannel
{
    /// <summary>Whether this replica hears every change published from now on.</summary>
    bool IsListening { get; }

    /// <returns><c>false</c> when the message could not be sent, so other replicas may not have heard it.</returns>
    Task<bool> PublishAsync(string key, CancellationToken cancellationToken);
}
