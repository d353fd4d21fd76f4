using System.Net;
using System.Net.Sockets;

namespace ProcessorGateway.Core.Notifications.Webhooks;

/// <summary>
/// Says whether an address is on the public internet, and if not, what it is. Forms that carry an IPv4 address
/// inside IPv6 (IPv4-mapped, IPv4-compatible, NAT64, 6to4) are judged by the IPv4 address they reach.
/// </summary>
public static class AddressClassifier
{
    private static readonly IPAddress Ec2MetadataV6 = IPAddress.Parse("fd00:ec2::254");

    public static AddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily == AddressFamily.InterNetwork ? ClassifyV4(address.GetAddressBytes()) : ClassifyV6(address);
    }

    /// <summary>For messages: the kind and its ranges, never the address itself (an internal name's address is not the caller's to learn).</summary>
    public static string Describe(AddressKind kind) => kind switch
    {
        AddressKind.Public => "a public address",
        AddressKind.Loopback => "a loopback address (127.0.0.0/8, ::1)",
        AddressKind.Private => "a private address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)",
        AddressKind.LinkLocal => "a link-local address (169.254.0.0/16, fe80::/10)",
        AddressKind.UniqueLocal => "a unique-local address (fc00::/7)",
        AddressKind.SharedCgnat => "a carrier-grade NAT address (100.64.0.0/10)",
        AddressKind.Metadata => "a cloud metadata address",
        AddressKind.Unspecified => "an unspecified address (0.0.0.0/8, ::)",
        AddressKind.Multicast => "a multicast address",
        AddressKind.Broadcast => "the broadcast address",
        _ => "a reserved address",
    };

    private static AddressKind ClassifyV4(byte[] b) => b switch
    {
        [169, 254, 169, 254] => AddressKind.Metadata,
        [0, ..] => AddressKind.Unspecified,
        [127, ..] => AddressKind.Loopback,
        [10, ..] => AddressKind.Private,
        [172, >= 16 and <= 31, ..] => AddressKind.Private,
        [192, 168, ..] => AddressKind.Private,
        [100, >= 64 and <= 127, ..] => AddressKind.SharedCgnat,
        [169, 254, ..] => AddressKind.LinkLocal,
        [255, 255, 255, 255] => AddressKind.Broadcast,
        [>= 224 and <= 239, ..] => AddressKind.Multicast,
        [>= 240, ..] => AddressKind.Reserved,
        // IETF protocol assignments (192.0.0.0/24) and benchmarking (198.18.0.0/15): never a receiver on the internet.
        [192, 0, 0, _] => AddressKind.Reserved,
        [198, 18 or 19, ..] => AddressKind.Reserved,
        _ => AddressKind.Public,
    };

    private static AddressKind ClassifyV6(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return ClassifyV4(address.MapToIPv4().GetAddressBytes());
        }

        if (address.Equals(IPAddress.IPv6Any))
        {
            return AddressKind.Unspecified;
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return AddressKind.Loopback;
        }

        if (new IPAddress(address.GetAddressBytes()).Equals(Ec2MetadataV6))
        {
            return AddressKind.Metadata;
        }

        var b = address.GetAddressBytes();
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            // IPv4-compatible (::a.b.c.d, deprecated but still routed by some stacks).
            return ClassifyV4(b[12..]);
        }

        return b switch
        {
            // NAT64 (64:ff9b::/96) reaches the IPv4 address in its last four bytes.
            [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..] => ClassifyV4(b[12..]),
            // 6to4 (2002::/16) carries the IPv4 address of its relay in bytes 2 to 5.
            [0x20, 0x02, ..] => ClassifyV4(b[2..6]) is AddressKind.Public ? AddressKind.Public : AddressKind.Reserved,
            [0xff, ..] => AddressKind.Multicast,
            [0xfe, >= 0x80 and <= 0xbf, ..] => AddressKind.LinkLocal,
            // Site-local (fec0::/10): deprecated, private in practice.
            [0xfe, >= 0xc0, ..] => AddressKind.Private,
            [>= 0xfc and <= 0xfd, ..] => AddressKind.UniqueLocal,
            _ => AddressKind.Public,
        };
    }
}
