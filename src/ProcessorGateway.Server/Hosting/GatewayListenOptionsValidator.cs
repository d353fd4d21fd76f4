using System.Net;
using Microsoft.Extensions.Options;

namespace ProcessorGateway.Server.Hosting;

/// <summary>
/// Cleartext only on loopback in Development; TLS everywhere else. The health and metrics ports stay
/// cleartext on any address, because they serve nothing but probes and counters (see <see cref="ListenerRouting"/>).
/// </summary>
internal sealed class GatewayListenOptionsValidator(IHostEnvironment environment) : IValidateOptions<GatewayListenOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayListenOptions options)
    {
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.Address, out var address))
        {
            failures.Add("Gateway:Listen:Address must be an IP address.");
        }
        else if (!IPAddress.IsLoopback(address) && !options.HasTls)
        {
            failures.Add("Gateway:Listen:Address may be a non-loopback address only with TLS: set Gateway:Listen:TlsCertificatePath and Gateway:Listen:TlsKeyPath.");
        }

        if (!environment.IsDevelopment() && !options.HasTls)
        {
            failures.Add("Gateway:Listen:TlsCertificatePath and Gateway:Listen:TlsKeyPath are required outside Development: mount the certificate from a Kubernetes TLS Secret and name its files.");
        }
        else if (options.HasTls)
        {
            RequireFile(options.TlsCertificatePath, "Gateway:Listen:TlsCertificatePath", failures);
            RequireFile(options.TlsKeyPath, "Gateway:Listen:TlsKeyPath", failures);
        }

        CheckPorts(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPorts(GatewayListenOptions options, List<string> failures)
    {
        if (options.GrpcPort is < 0 or > 65535 || options.HttpPort is < 0 or > 65535 || options.HealthPort is < 0 or > 65535)
        {
            failures.Add("Gateway:Listen:GrpcPort, Gateway:Listen:HttpPort and Gateway:Listen:HealthPort must be 0-65535.");
            return;
        }

        int?[] ports = [options.GrpcPort, options.HttpPort, options.HealthPort];
        var fixedPorts = ports.Where(p => p is > 0).ToList();
        if (fixedPorts.Count != fixedPorts.Distinct().Count())
        {
            failures.Add("Gateway:Listen:GrpcPort, Gateway:Listen:HttpPort and Gateway:Listen:HealthPort must differ: each port serves one protocol.");
        }
    }

    private static void RequireFile(string? path, string setting, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"{setting} is required when the other TLS file is set.");
        }
        else if (!File.Exists(path))
        {
            failures.Add($"{setting} names a file that does not exist.");
        }
    }
}
