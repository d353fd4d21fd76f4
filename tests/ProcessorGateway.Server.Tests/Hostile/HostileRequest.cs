using Google.Protobuf.Reflection;

namespace ProcessorGateway.Server.Tests.Hostile;

/// <summary>One generated malformed call: the RPC, what is wrong with it, and the raw messages sent (one, or a stream).</summary>
internal sealed record HostileRequest(int Index, MethodDescriptor Method, string Defect, IReadOnlyList<byte[]> Messages)
{
    public string Describe() =>
        $"#{Index} {Method.FullName} [{Defect}] {string.Join(" | ", Messages.Select(m => Convert.ToHexString(m.AsSpan(0, Math.Min(m.Length, 256)))))}";
}
