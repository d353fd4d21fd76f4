namespace ProcessorGateway.Core.Schemas;

/// <summary>What a collection's retention periods (its own and its fields') are counted from. Stored: never renumber.</summary>
public enum RetentionStart
{
    /// <summary>Not stated: the record's creation, as <see cref="RecordCreated"/>.</summary>
    Unspecified = 0,
    RecordCreated = 1,

    /// <summary>The record's last write: every write starts the periods again.</summary>
    RecordUpdated = 2,

    /// <summary>A plain timestamp field of the record, <see cref="CollectionRetention.DateField"/>; a record without a value there expires nothing.</summary>
    DateField = 3,
}
