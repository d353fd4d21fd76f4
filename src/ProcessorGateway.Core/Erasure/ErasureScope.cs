namespace ProcessorGateway.Core.Erasure;

/// <summary>What an erasure request covers. Stored: never renumber.</summary>
public enum ErasureScope
{
    Subject = 1,
    Tenant = 2,
}
