using Grpc.Core;

namespace ProcessorGateway.Server.Audit;

/// <summary>Writes an audit event (and waits for it) before the first message of a server stream leaves.</summary>
internal sealed class AuditedStreamWriter<T>(IServerStreamWriter<T> inner, Func<CancellationToken, Task> beforeFirst) : IServerStreamWriter<T>
{
    private bool _opened;

    public WriteOptions? WriteOptions
    {
        get => inner.WriteOptions;
        set => inner.WriteOptions = value;
    }

    public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        if (!_opened)
        {
            await beforeFirst(cancellationToken).ConfigureAwait(false);
            _opened = true;
        }

        await inner.WriteAsync(message, cancellationToken).ConfigureAwait(false);
    }
}
