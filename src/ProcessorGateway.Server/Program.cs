using ProcessorGateway.Server.Hosting;

await GatewayApplication.Create(args).RunAsync().ConfigureAwait(false);
