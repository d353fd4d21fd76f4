namespace ProcessorGateway.Core.Schemas;

/// <summary>
/// Whether an encrypted field's values are padded to a length bucket before encryption (docs/security.md#length-hiding).
/// Stored with each schema version: never renumber.
/// </summary>
public enum LengthHiding
{
    /// <summary>The class decides: every encrypted field is padded, a plain one is not (it is not encrypted).</summary>
    Default = 0,

    /// <summary>Padded; only an encrypted field may say so.</summary>
    On = 1,

    /// <summary>Stored at its exact length; only an encrypted field may say so.</summary>
    Off = 2,
}
