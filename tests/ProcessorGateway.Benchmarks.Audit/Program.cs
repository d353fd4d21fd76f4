using ProcessorGateway.Benchmarks.Audit;

return await AuditOverhead.RunAsync(Console.Out).ConfigureAwait(false);
