using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Client.Tests.Support;

/// <summary>
/// A real Kestrel on loopback, shaped like the development gateway: an OAuth client-credentials token endpoint on an
/// HTTP/1.1 port and gRPC services on an HTTP/2 port, both cleartext. It counts token requests, can hold or refuse
/// them, and its gRPC services accept only tokens it issued.
/// </summary>
public sealed class FakeGateway : IAsyncDisposable
{
    public const string ClientId = "test-client";
    public const string ClientSecret = "s3cret-Value-that-must-never-leak";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _issued = new(StringComparer.Ordinal);
    private int _tokenRequests;

    private FakeGateway(WebApplication app, Uri tokenEndpoint, Uri grpcAddress)
    {
        _app = app;
        TokenEndpoint = tokenEndpoint;
        GrpcAddress = grpcAddress;
    }

    public Uri TokenEndpoint { get; }

    public Uri GrpcAddress { get; }

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>The expires_in of the next tokens; null leaves it out of the reply.</summary>
    public long? ExpiresIn { get; set; } = 300;

    /// <summary>When set, the token endpoint answers with this status and body instead of a token.</summary>
    public (HttpStatusCode Status, string Body)? Refusal { get; set; }

    /// <summary>When set, token replies wait for it, so a test can gather callers behind one request.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public IReadOnlyDictionary<string, string> LastTokenForm { get; private set; } = new Dictionary<string, string>();

    public ConcurrentQueue<string> AuthorizationHeaders { get; } = new();

    public PutRecordRequest? LastPut { get; set; }

    public static async Task<FakeGateway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        ListenOptions? http1 = null;
        ListenOptions? http2 = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, o => { o.Protocols = HttpProtocols.Http1; http1 = o; });
            kestrel.Listen(IPAddress.Loopback, 0, o => { o.Protocols = HttpProtocols.Http2; http2 = o; });
        });
        builder.Services.AddGrpc();
        var holder = new FakeGatewayHolder();
        builder.Services.AddSingleton(holder);
        var app = builder.Build();
        app.MapPost("/connect/token", (HttpContext context) => holder.Gateway!.IssueAsync(context));
        app.MapGrpcService<FakeTenantService>();
        app.MapGrpcService<FakeSchemaService>();
        app.MapGrpcService<FakeRecordService>();
        await app.StartAsync().WaitAsync(TestTimeouts.Default);

        // Kestrel writes the bound port back into each ListenOptions once it has bound.
        var gateway = new FakeGateway(app, new Uri($"http://{http1!.IPEndPoint}/connect/token"), new Uri($"http://{http2!.IPEndPoint}"));
        holder.Gateway = gateway;
        return gateway;
    }

    public GatewayClientOptions Options(params string[] scopes)
    {
        var options = new GatewayClientOptions
        {
            Address = GrpcAddress,
            TokenEndpoint = TokenEndpoint,
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            AllowInsecureLoopback = true,
        };
        foreach (var scope in scopes)
        {
            options.Scopes.Add(scope);
        }

        return options;
    }

    /// <summary>The gRPC side: accepts only a bearer token this endpoint issued.</summary>
    internal void Authorize(Grpc.Core.ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization") ?? string.Empty;
        AuthorizationHeaders.Enqueue(header);
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_issued.ContainsKey(header["Bearer ".Length..]))
        {
            throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.Unauthenticated, "no valid bearer token"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Hold?.TrySetResult();
        await _app.StopAsync().WaitAsync(TestTimeouts.Default);
        await _app.DisposeAsync();
    }

    private async Task IssueAsync(HttpContext context) => await (await ReplyAsync(context)).ExecuteAsync(context);

    private async Task<IResult> ReplyAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _tokenRequests);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        LastTokenForm = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(TestTimeouts.Default);
        }

        if (Refusal is { } refusal)
        {
            return Results.Text(refusal.Body, refusal.Body.StartsWith('{') ? "application/json" : "text/html", statusCode: (int)refusal.Status);
        }

        if (form["grant_type"] != "client_credentials" || form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return Results.Json(new Dictionary<string, string> { ["error"] = "invalid_client", ["error_description"] = "unknown client" }, statusCode: 401);
        }

        var token = string.Create(CultureInfo.InvariantCulture, $"token-{number}-{Guid.NewGuid():N}");
        _issued[token] = true;
        var reply = new Dictionary<string, object> { ["access_token"] = token, ["token_type"] = "Bearer" };
        if (ExpiresIn is { } expiresIn)
        {
            reply["expires_in"] = expiresIn;
        }

        return Results.Json(reply);
    }
}
