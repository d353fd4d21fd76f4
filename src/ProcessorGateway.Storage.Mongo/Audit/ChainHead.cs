namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>A chain's last event known durable: its sequence number and hash.</summary>
internal sealed record ChainHead(long Sequence, string Hash);
