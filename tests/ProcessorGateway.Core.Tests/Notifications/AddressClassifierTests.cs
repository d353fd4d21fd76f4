using System.Net;
using ProcessorGateway.Core.Notifications.Webhooks;

namespace ProcessorGateway.Core.Tests.Notifications;

public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.255.0.9", AddressKind.Loopback)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("10.0.0.1", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("192.168.1.1", AddressKind.Private)]
    [InlineData("fec0::1", AddressKind.Private)]
    [InlineData("169.254.0.1", AddressKind.LinkLocal)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("febf::1", AddressKind.LinkLocal)]
    [InlineData("fc00::1", AddressKind.UniqueLocal)]
    [InlineData("fd12:3456::1", AddressKind.UniqueLocal)]
    [InlineData("100.64.0.1", AddressKind.SharedCgnat)]
    [InlineData("100.127.255.254", AddressKind.SharedCgnat)]
    [InlineData("169.254.169.254", AddressKind.Metadata)]
    [InlineData("fd00:ec2::254", AddressKind.Metadata)]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("0.1.2.3", AddressKind.Unspecified)]
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("224.0.0.1", AddressKind.Multicast)]
    [InlineData("239.255.255.250", AddressKind.Multicast)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("255.255.255.255", AddressKind.Broadcast)]
    [InlineData("240.0.0.1", AddressKind.Reserved)]
    [InlineData("192.0.0.8", AddressKind.Reserved)]
    [InlineData("198.18.0.1", AddressKind.Reserved)]
    public void Classify_NonPublicAddress_NamesItsKind(string address, AddressKind expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("::ffff:10.0.0.1", AddressKind.Private)]
    [InlineData("::ffff:169.254.169.254", AddressKind.Metadata)]
    [InlineData("::ffff:100.64.1.1", AddressKind.SharedCgnat)]
    [InlineData("::127.0.0.1", AddressKind.Loopback)]
    [InlineData("::10.0.0.1", AddressKind.Private)]
    [InlineData("::169.254.169.254", AddressKind.Metadata)]
    [InlineData("64:ff9b::127.0.0.1", AddressKind.Loopback)]
    [InlineData("64:ff9b::a9fe:a9fe", AddressKind.Metadata)]
    [InlineData("2002:7f00:1::1", AddressKind.Reserved)]
    [InlineData("2002:c0a8:101::1", AddressKind.Reserved)]
    public void Classify_Ipv4InsideIpv6_IsJudgedByTheIpv4AddressItReaches(string address, AddressKind expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("169.253.1.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:93.184.216.34")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void Classify_PublicAddress_IsPublic(string address) =>
        Assert.Equal(AddressKind.Public, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Fact]
    public void Describe_NamesTheRangesButNoAddress()
    {
        Assert.Equal("a private address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)", AddressClassifier.Describe(AddressKind.Private));
        Assert.All(Enum.GetValues<AddressKind>(), k => Assert.False(string.IsNullOrWhiteSpace(AddressClassifier.Describe(k))));
    }
}
