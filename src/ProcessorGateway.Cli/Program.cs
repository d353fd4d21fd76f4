using ProcessorGateway.Cli;

return await Pgctl.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
