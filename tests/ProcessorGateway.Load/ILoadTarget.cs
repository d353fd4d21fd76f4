namespace ProcessorGateway.Load;

/// <summary>What the load runs against: the gateway, or one of its baselines.</summary>
internal interface ILoadTarget : IAsyncDisposable
{
    string Name { get; }

    /// <summary>The operations this target can run; a baseline without a counterpart leaves one out.</summary>
    bool Supports(Operation operation);

    Task PrepareAsync(CancellationToken cancellationToken);

    Task ExecuteAsync(Operation operation, Caller caller, CancellationToken cancellationToken);
}
