namespace ProcessorGateway.Core.Records;

/// <summary>A search by the first letters of a name-search field's words, as a caller typed it (docs/search.md).</summary>
public sealed record NamePrefixQuery(string? Field, string? Text);
