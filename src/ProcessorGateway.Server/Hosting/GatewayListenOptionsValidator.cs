using System.Net;
using Microsoft.Extensions.Options;

namespace ProcessorGateway.Server.Hosting;

internal sealed class GatewayListenOptionsValidator : IValidateOptions<GatewayListenOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayListenOptions options)
    {
        if (!IPAddress.TryParse(options.Address, out var address))
        {
            return ValidateOptionsResult.Fail("Gateway:Listen:Address must be an IP address.");
        }

        // Until TLS is configured, every listener is cleartext: loopback only, in any environment.
        if (!IPAddress.IsLoopback(address))
        {
            return ValidateOptionsResult.Fail("Gateway:Listen:Address must be a loopback address while the gateway listens without TLS.");
        }

        if (options.GrpcPort is < 0 or > 65535 || options.HttpPort is < 0 or > 65535)
        {
            return ValidateOptionsResult.Fail("Gateway:Listen:GrpcPort and Gateway:Listen:HttpPort must be 0-65535.");
        }

        return options.GrpcPort != 0 && options.GrpcPort == options.HttpPort
            ? ValidateOptionsResult.Fail("Gateway:Listen:GrpcPort and Gateway:Listen:HttpPort must differ: without TLS one port cannot serve both HTTP/2 and HTTP/1.1.")
            : ValidateOptionsResult.Success;
    }
}
