using ProcessorGateway.Server.Hosting;

return await GatewayProgram.RunAsync(args).ConfigureAwait(false);
