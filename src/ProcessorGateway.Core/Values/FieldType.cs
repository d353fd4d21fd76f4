namespace ProcessorGateway.Core.Values;

/// <summary>The type of a field. The numbers are stored (in ciphertext payloads); never renumber.</summary>
public enum FieldType : byte
{
    String = 1,
    Int64 = 2,
    Double = 3,
    Bool = 4,
    Timestamp = 5,
    Bytes = 6,
    StringList = 7,
}
