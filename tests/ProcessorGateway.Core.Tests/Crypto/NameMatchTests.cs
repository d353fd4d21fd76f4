using ProcessorGateway.Core.Crypto;

namespace ProcessorGateway.Core.Tests.Crypto;

public sealed class NameMatchTests
{
    [Theory]
    [InlineData("gar", "María José García López", true)]
    [InlineData("lop", "María José García López", true)]
    [InlineData("jose", "María José García López", true)]
    [InlineData("maria jo", "María José García López", true)]
    [InlineData("maria garcia", "María José García López", true)] // in order, not necessarily next to each other
    [InlineData("ma jo", "María José", true)]
    [InlineData("jo ma", "María José", false)] // both prefixes are there, in the other order
    [InlineData("jos mar", "María José", false)]
    [InlineData("mar mari", "María José", false)] // two query words on one name word
    [InlineData("arc", "María José García López", false)] // inside a word, not its start
    [InlineData("garcias", "María José García López", false)]
    [InlineData("петр", "Пётр Ильич", true)]
    public void A_name_matches_when_each_query_word_starts_a_word_of_it_in_order(string query, string name, bool expected) =>
        Assert.Equal(expected, NameMatch.Matches(NameNormalisation.Words(query), name));
}
