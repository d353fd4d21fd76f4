using System.CommandLine;

namespace ProcessorGateway.Cli;

/// <summary>The connection options as typed, before any file is read.</summary>
internal sealed record ConnectionArguments(
    string? CredentialsPath, bool Operator, string? Address, string? TokenEndpoint, string? ClientId, string? PrivateKeyPath = null)
{
    public static ConnectionArguments From(ParseResult parse, GlobalOptions global) => new(
        parse.GetValue(global.Credentials),
        parse.GetValue(global.Operator),
        parse.GetValue(global.Address),
        parse.GetValue(global.TokenEndpoint),
        parse.GetValue(global.ClientId),
        parse.GetValue(global.PrivateKey));
}
