namespace ProcessorGateway.Load;

/// <summary>What one call of the load does.</summary>
internal enum Operation
{
    Put,
    Get,
    Query,
    Batch,
    NoOp,
}
