using System.Diagnostics;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;

namespace ProcessorGateway.Testing;

/// <summary>
/// A gateway replica in an operating-system process of its own (the built ProcessorGateway.Server),
/// configured through environment variables as in production, and stopped by its own process id.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource<(Uri Grpc, Uri Http)> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Uri> _addresses = [];

    private const string TestHostVariable = "PG_TEST_HOST_PID";

    /// <summary>Runs the server in the background and polls every second: when the test host has exited, SIGKILL to the server.</summary>
    private const string Watchdog = """
        dotnet "$1" &
        server=$!
        while kill -0 "$PG_TEST_HOST_PID" 2>/dev/null && kill -0 "$server" 2>/dev/null; do sleep 1; done
        kill -KILL "$server" 2>/dev/null
        wait "$server"
        """;

    private GatewayProcess(Process process)
    {
        _process = process;
    }

    public Uri Address { get; private set; } = null!;

    public Uri TokenEndpoint { get; private set; } = null!;

    /// <summary>Starts the server with these settings (ASP.NET names, e.g. <c>Gateway:Mongo:ConnectionString</c>) and waits until it listens.</summary>
    public static async Task<GatewayProcess> StartAsync(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var start = StartInfo(new Dictionary<string, string?>(settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = settings.TryGetValue("ASPNETCORE_ENVIRONMENT", out var environment) ? environment : "Development",
            ["Logging:Console:FormatterName"] = "simple",
        }, watched: true);
        var gateway = new GatewayProcess(Process.Start(start) ?? throw new InvalidOperationException("the gateway process did not start"));
        gateway._process.OutputDataReceived += (_, line) => gateway.OnOutput(line.Data);
        gateway._process.ErrorDataReceived += (_, line) => gateway.OnOutput(line.Data);
        gateway._process.BeginOutputReadLine();
        gateway._process.BeginErrorReadLine();
        try
        {
            var (grpc, http) = await gateway._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            gateway.Address = grpc;
            gateway.TokenEndpoint = new Uri(http, "/connect/token");
            return gateway;
        }
        catch (TimeoutException)
        {
            var log = gateway.Log();
            await gateway.DisposeAsync();
            throw new InvalidOperationException($"the gateway process did not start listening within 60 s:\n{log}");
        }
    }

    /// <summary>
    /// Runs the server with these environment variables (ASP.NET names; <c>ASPNETCORE_ENVIRONMENT</c> may be
    /// among them) until it exits by itself, for start-up failures. Killed, and reported, after 60 s.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var process = Process.Start(StartInfo(settings)) ?? throw new InvalidOperationException("the gateway process did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"the gateway process was still running after 60 s:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout + "\n" + await stderr);
    }

    /// <summary>A channel whose calls carry a token this replica's own token endpoint issued.</summary>
    public async Task<GrpcChannel> CreateChannelAsync(string clientId, string secret)
    {
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret });
        using var response = await http.PostAsync(TokenEndpoint, form);
        var body = await response.Content.ReadAsStringAsync();
        Xunit.Assert.True(response.IsSuccessStatusCode, $"token request to the gateway process failed: {body}");
        var token = JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
        return GrpcChannel.ForAddress(Address, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("Authorization", $"Bearer {token}");
                return Task.CompletedTask;
            })),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
    }

    public string Log()
    {
        lock (_output)
        {
            return string.Join('\n', _output.TakeLast(60));
        }
    }

    /// <summary>Everything the process has printed so far, stdout and stderr interleaved as they arrived.</summary>
    public string Output()
    {
        lock (_output)
        {
            return string.Join('\n', _output);
        }
    }

    /// <summary>Waits until a line containing <paramref name="text"/> is printed; fails with the log after 60 s.</summary>
    public async Task WaitForOutputAsync(string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!Output().Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new InvalidOperationException($"the gateway process never printed '{text}':\n{Log()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL, as a node failure would: no shutdown, no draining, nothing flushed.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // By its own id: this process and its children, nothing else.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        // Kestrel logs its listeners in the order they were bound: gRPC first, then the token endpoint.
        const string Marker = "Now listening on: ";
        var at = line.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return;
        }

        lock (_addresses)
        {
            _addresses.Add(new Uri(line[(at + Marker.Length)..].Trim()));
            if (_addresses.Count == 2)
            {
                _listening.TrySetResult((_addresses[0], _addresses[1]));
            }
        }
    }

    /// <summary>
    /// The built server, with these settings as environment variables (<c>Section:Key</c> becomes <c>Section__Key</c>).
    /// Watched: under a shell that kills it once this test host is gone, so a host killed by the hang guard
    /// (or by hand) leaves no gateway behind; stopping the process tree stops both.
    /// </summary>
    private static ProcessStartInfo StartInfo(IDictionary<string, string?> settings, bool watched = false)
    {
        var server = ServerAssembly();
        var start = new ProcessStartInfo(watched ? "sh" : "dotnet", watched ? ["-c", Watchdog, "gateway-watchdog", server] : [server])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(server)!,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment[TestHostVariable] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return start;
    }

    /// <summary>The server as built by the solution build, in the configuration these tests were built in.</summary>
    private static string ServerAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(RepositoryRoot.Path, "src", "ProcessorGateway.Server", "bin", configuration, "net10.0", "ProcessorGateway.Server.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is not built; run scripts/test.sh, which builds the solution first");
    }
}
