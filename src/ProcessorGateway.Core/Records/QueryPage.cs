namespace ProcessorGateway.Core.Records;

/// <param name="NextPageToken"><c>null</c> on the last page.</param>
public sealed record QueryPage(IReadOnlyList<RecordView> Records, string? NextPageToken);
