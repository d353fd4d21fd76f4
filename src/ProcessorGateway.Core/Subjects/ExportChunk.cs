namespace ProcessorGateway.Core.Subjects;

/// <summary>Whole NDJSON lines, and the progress of the export when they were cut.</summary>
public sealed record ExportChunk(byte[] Ndjson, long RecordsDone, long RecordsTotal);
