using Grpc.Core;

namespace ProcessorGateway.Server.Tests.Http;

/// <summary>What one call came back with, whichever way it went: the status, its message, and the reply when there was one.</summary>
internal sealed record Answer<T>(StatusCode Code, string Message, T? Reply)
    where T : class
{
    /// <summary>The status and message, the part every path must agree on exactly.</summary>
    public (StatusCode Code, string Message) Status => (Code, Message);

    public T Ok()
    {
        Assert.True(Code == StatusCode.OK && Reply is not null, $"expected OK, got {Code}: {Message}");
        return Reply;
    }
}
