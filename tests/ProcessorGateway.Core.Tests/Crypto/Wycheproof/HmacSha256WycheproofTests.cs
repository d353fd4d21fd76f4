using System.Security.Cryptography;
using ProcessorGateway.Core.Crypto;

namespace ProcessorGateway.Core.Tests.Crypto.Wycheproof;

/// <summary>
/// Every vector of Wycheproof's hmac_sha256_test.json, one theory case per tcId: HMAC-SHA256 over msg
/// under key, truncated to the group's tagSize, equals the vector's tag when "valid" and differs when
/// "invalid". This is the same call (<see cref="HMACSHA256.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>)
/// BlindIndex makes, and the 128-bit groups are its truncation.
/// </summary>
public sealed class HmacSha256WycheproofTests
{
    public static TheoryData<int, string> AllVectors
    {
        get
        {
            var data = new TheoryData<int, string>();
            foreach (var (group, vector) in All())
            {
                data.Add(vector.TcId, $"{vector.Result}, {group.TagSize}-bit tag");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void Vector_gives_the_expected_result(int tcId, string expectation)
    {
        var (group, vector) = All().Single(x => x.Vector.TcId == tcId);
        Assert.Equal($"{vector.Result}, {group.TagSize}-bit tag", expectation);
        var key = Convert.FromHexString(vector.Key);
        var msg = Convert.FromHexString(vector.Msg);
        var expectedTag = Convert.FromHexString(vector.Tag);

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Assert.Equal(HMACSHA256.HashSizeInBytes, HMACSHA256.HashData(key, msg, mac));
        var truncated = mac[..(group.TagSize / 8)];

        switch (vector.Result)
        {
            case "valid":
                Assert.Equal(vector.Tag, Convert.ToHexString(truncated), ignoreCase: true);
                break;
            case "invalid":
                Assert.False(CryptographicOperations.FixedTimeEquals(truncated, expectedTag), $"tcId {tcId}: an invalid tag matched");
                break;
            default:
                Assert.Fail($"tcId {tcId}: unknown result '{vector.Result}'");
                break;
        }
    }

    [Fact]
    public void Every_vector_in_the_file_is_accounted_for()
    {
        var file = WycheproofVectors.HmacSha256;
        var all = All().ToList();

        Assert.Equal("HMACSHA256", file.Algorithm);
        Assert.Equal(file.NumberOfTests, all.Count);
        Assert.Equal(all.Count, all.Select(x => x.Vector.TcId).Distinct().Count());
        Assert.Equal(all.Count, AllVectors.Count);
        Assert.All(all, x =>
        {
            Assert.Equal(x.Group.KeySize, x.Vector.Key.Length * 4);
            Assert.Equal(x.Group.TagSize, x.Vector.Tag.Length * 4);
            Assert.Contains(x.Vector.Result, new[] { "valid", "invalid" });
        });

        // Nothing is skipped: HMAC takes any key length and any truncation is a prefix.
        Assert.Equal((66, 108), (all.Count(x => x.Vector.Result == "valid"), all.Count(x => x.Vector.Result == "invalid")));
        Assert.Contains(all, x => x.Group.TagSize == BlindIndex.TokenSize * 8);
    }

    private static IEnumerable<(MacTestGroup Group, MacTestVector Vector)> All() =>
        WycheproofVectors.HmacSha256.TestGroups.SelectMany(group => group.Tests.Select(vector => (group, vector)));
}
