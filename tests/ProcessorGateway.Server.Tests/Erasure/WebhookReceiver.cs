using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>A real HTTP listener on a loopback port that records every POST (headers and body) and answers with a set status.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        Url = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/hooks/erasure/");
        _listener.Prefixes.Add(Url.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    /// <summary>The status the next requests get: set a failure to make the gateway retry.</summary>
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.NoContent;

    public ConcurrentQueue<(IReadOnlyDictionary<string, string> Headers, string Body, HttpStatusCode Answered)> Received { get; } = new();

    /// <summary>As a receiver checks it: <c>t=…,v1=hex(HMAC-SHA256(secret, "t.body"))</c>.</summary>
    public static void AssertSigned(string header, string body, string secret)
    {
        ArgumentNullException.ThrowIfNull(header);
        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{parts["t"]}.{body}"));
        Assert.True(CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(parts["v1"])), "the webhook signature does not verify");
        Assert.InRange(long.Parse(parts["t"], System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow.AddYears(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddYears(1).ToUnixTimeSeconds());
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _ = _loop.Exception;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, context.Request.ContentEncoding);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            var answer = Answer;
            Received.Enqueue((headers, body, answer));
            context.Response.StatusCode = (int)answer;
            context.Response.Close();
        }
    }
}
