using System.Xml.Linq;
using ProcessorGateway.Storage.Mongo.Keys;

namespace ProcessorGateway.Storage.Mongo.Tests.Keys;

/// <summary>The Data Protection key ring's store, which every replica shares.</summary>
public sealed class XmlRepositoryTests(MongoStorageFixture storage) : IClassFixture<MongoStorageFixture>
{
    private readonly MongoXmlRepository _repository = new(storage.Context, TimeProvider.System);

    [Fact]
    public void A_stored_element_reads_back_unchanged()
    {
        var id = Guid.NewGuid().ToString();
        var element = Key(id, "first");

        _repository.StoreElement(element, $"key-{id}");

        var found = Assert.Single(_repository.GetAllElements(), e => (string?)e.Attribute("id") == id);
        Assert.True(XNode.DeepEquals(element, found), found.ToString());
    }

    [Fact]
    public void Storing_under_the_same_friendly_name_replaces_the_element()
    {
        var id = Guid.NewGuid().ToString();

        _repository.StoreElement(Key(id, "first"), $"key-{id}");
        _repository.StoreElement(Key(id, "second"), $"key-{id}");

        var found = Assert.Single(_repository.GetAllElements(), e => (string?)e.Attribute("id") == id);
        Assert.Equal("second", found.Element("descriptor")?.Value);
    }

    [Fact]
    public void Elements_without_a_friendly_name_are_each_kept()
    {
        var id = Guid.NewGuid().ToString();

        _repository.StoreElement(Key(id, "one"), "");
        _repository.StoreElement(Key(id, "two"), "");

        Assert.Equal(["one", "two"], _repository.GetAllElements()
            .Where(e => (string?)e.Attribute("id") == id).Select(e => e.Element("descriptor")!.Value).Order(StringComparer.Ordinal));
    }

    private static XElement Key(string id, string descriptor) =>
        new("key", new XAttribute("id", id), new XAttribute("version", 1),
            new XElement("creationDate", "2026-09-01T08:00:00Z"),
            new XElement("descriptor", descriptor));
}
