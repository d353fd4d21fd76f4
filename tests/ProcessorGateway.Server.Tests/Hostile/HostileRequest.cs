using Google.Protobuf.Reflection;
using Grpc.Core;

namespace ProcessorGateway.Server.Tests.Hostile;

/// <summary>One generated malformed call: the RPC, what is wrong with it, the raw messages sent (one, or a stream), and as whom.</summary>
internal sealed record HostileRequest(int Index, MethodDescriptor Method, string Defect, IReadOnlyList<byte[]> Messages)
{
    public HostileCaller Caller { get; init; } = HostileCaller.Operator;

    /// <summary>For a forged caller, the whole Authorization header sent; none when null.</summary>
    public string? Authorization { get; init; }

    /// <summary>The one status that will do (for a batch: every row's); when null, any refusal with a message.</summary>
    public StatusCode? Expected { get; init; }

    public string Describe() =>
        $"#{Index} {Method.FullName} as {Caller} [{Defect}] {string.Join(" | ", Messages.Select(m => Convert.ToHexString(m.AsSpan(0, Math.Min(m.Length, 256)))))}";
}
