using System.Text;
using MongoDB.Bson;

namespace ProcessorGateway.Server.Tests.Support;

/// <summary>One document as stored, searched for values at any depth: strings (element names too), bytes and dates.</summary>
internal sealed record StoredDocument(string Database, string Collection, BsonDocument Document)
{
    public bool IsAudit => GatewayCollections.Audit.Contains(Collection);

    public BsonValue Id => Document.GetValue("_id", BsonNull.Value);

    public override string ToString() => $"{Database}.{Collection} {Id}";

    /// <summary>The text in any string (case-insensitive) or, as UTF-8, in any binary value: a plaintext copy wherever it is.</summary>
    public bool Mentions(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return Values(Document).Any(v => v switch
        {
            BsonString s => s.Value.Contains(text, StringComparison.OrdinalIgnoreCase),
            BsonBinaryData b => b.Bytes.AsSpan().IndexOf(bytes) >= 0,
            _ => false,
        });
    }

    public bool Holds(DateTime at) => Values(Document).Any(v => v is BsonDateTime d && d.ToUniversalTime() == at);

    private static IEnumerable<BsonValue> Values(BsonValue value)
    {
        switch (value)
        {
            case BsonDocument document:
                foreach (var element in document)
                {
                    yield return new BsonString(element.Name);
                    foreach (var inner in Values(element.Value))
                    {
                        yield return inner;
                    }
                }

                break;
            case BsonArray array:
                foreach (var inner in array.SelectMany(Values))
                {
                    yield return inner;
                }

                break;
            default:
                yield return value;
                break;
        }
    }
}
