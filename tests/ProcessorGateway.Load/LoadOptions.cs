namespace ProcessorGateway.Load;

/// <summary>One run of the load tool, as the command line gave it.</summary>
internal sealed record LoadOptions
{
    public required string CredentialsPath { get; init; }

    /// <summary>The MongoDB the gateway uses, for the direct-driver baseline; none skips that baseline.</summary>
    public string? MongoUri { get; init; }

    public int Callers { get; init; } = 16;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Load before each phase's measured window, not counted: long enough for the gateway's JIT to settle.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Stop each phase after this many calls, if it comes before the duration.</summary>
    public long? Count { get; init; }

    public OperationMix Mix { get; init; } = OperationMix.Default;

    public int BatchSize { get; init; } = 20;

    /// <summary>
    /// Each caller writes over this many record ids for puts and as many for batches, round and round, so
    /// collections stay small: 16 callers × 2 × 30 = 960 records, where the development server is still flat.
    /// </summary>
    public int RecordsPerCaller { get; init; } = 30;

    /// <summary>The gateway's Prometheus scrape address, to count its MongoDB round trips and time per call.</summary>
    public Uri? MetricsUrl { get; init; }

    public int Seed { get; init; }

    /// <summary>The gateway's process id, to read its CPU time; none leaves the CPU figure out.</summary>
    public int? GatewayPid { get; init; }

    /// <summary>The grpc.health.v1 service name the no-op baseline asks for: one with no checks behind it.</summary>
    public string NoOpHealthService { get; init; } = "liveness";

    /// <summary>Generous: on the development server a 20-record batch of the prefill can take tens of seconds.</summary>
    public TimeSpan CallDeadline { get; init; } = TimeSpan.FromSeconds(120);
}
