using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Core.Rotation;

/// <summary>Where a tenant's key rotation stands.</summary>
/// <param name="Current">The data key every new write uses.</param>
/// <param name="Retiring">Older data keys still in use; each is retired once nothing uses it.</param>
/// <param name="SubjectKeysToRewrap">Subject keys still wrapped by a retiring key (counted up to a bound).</param>
/// <param name="RecordsToReencrypt">Records without a subject still under a retiring key (counted up to a bound).</param>
public sealed record RotationStatus(KeyReference Current, IReadOnlyList<KeyReference> Retiring, int SubjectKeysToRewrap, int RecordsToReencrypt);
