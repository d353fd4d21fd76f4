namespace ProcessorGateway.Core.Schemas;

/// <summary>
/// A collection's own retention and what it and its fields' retention are counted from (docs/retention.md).
/// </summary>
/// <param name="Days">Records are erased whole this many days after their start; 0: kept until deleted.</param>
/// <param name="DateField">With <see cref="RetentionStart.DateField"/>: the plain timestamp field counted from.</param>
public sealed record CollectionRetention(int Days, RetentionStart Start, string? DateField)
{
    public static CollectionRetention None { get; } = new(0, RetentionStart.Unspecified, null);
}
