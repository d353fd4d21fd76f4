using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Benchmarks;

/// <summary>A subject key as the key vault holds it: wrapped under the tenant key.</summary>
internal sealed record WrappedSubjectKey(string SubjectId, KeyReference Reference, byte[] Wrapped);
