using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Search;

internal static class NameQueries
{
    public static NamePrefixFilter Prefix(string field, string text) => new() { Field = field, Text = text };

    /// <summary>Every page of a name search, the record ids in the order they came; fails on a record seen twice.</summary>
    public static async Task<List<string>> SearchAsync(
        GrpcTestClients clients, string tenant, string collection, string field, string text, int pageSize = 0, FieldFilter? filter = null, string? subject = null,
        string purpose = Records.StudentRecords.Purpose)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var ids = new List<string>();
        var token = string.Empty;
        do
        {
            var request = new QueryRecordsRequest
            {
                TenantId = tenant, Collection = collection, Purpose = purpose, PageSize = pageSize, PageToken = token, SubjectId = subject ?? string.Empty,
                NamePrefix = Prefix(field, text),
            };
            if (filter is not null)
            {
                request.Filters.Add(filter);
            }

            var page = await clients.Records.QueryRecordsAsync(request).Within();
            ids.AddRange(page.Records.Select(r => r.RecordId));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        return ids;
    }
}
