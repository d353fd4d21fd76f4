using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Testing;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace ProcessorGateway.Server.Tests.Interop;

/// <summary>
/// A client in another language, built from <c>protos/</c> alone (tests/interop/node-client: Node.js,
/// @grpc/grpc-js and @grpc/proto-loader, no generated C#, no OAuth library), drives a real gateway over
/// plaintext HTTP/2 end to end. It gets its tokens with a plain form POST to the token endpoint: the
/// operator's (from the environment, as any deployment would hand them over) to create a tenant and
/// register a client for it, then that new client's own, with which it writes, reads and finds a
/// student. A call without a token is refused with UNAUTHENTICATED, and the student is stored with its
/// name, email and date of birth only as ciphertext. Needs node and the client's node_modules
/// (scripts/test.sh installs them); fails, never skips, without them.
/// </summary>
public sealed class NodeClientInteropTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    // The values tests/interop/node-client/client.mjs sends: change both together.
    private const string RecordId = "stu-interop-1";
    private const string FullName = "Zofia Nakamura-Okafor";
    private const string Email = "zofia.nakamura@interop.example";
    private const string GradeLevel = "8";
    private const string Purpose = "administration";
    private static readonly string[] TenantClientScopes = ["records.read", "records.write"];
    private static readonly DateTimeOffset DateOfBirth = new(2011, 9, 23, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Node_client_built_from_protos_alone_stores_student_as_ciphertext()
    {
        var tenantId = $"interop-{Guid.NewGuid():N}"[..24];

        var run = await RunNodeClientAsync(gateway.Address.ToString(), gateway.TokenEndpoint.ToString(), tenantId,
            GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret);

        Assert.True(run.ExitCode == 0, $"the Node.js client exited with {run.ExitCode}.{run.Output}");
        Assert.DoesNotContain(GatewayFixture.OperatorSecret, run.Stdout + run.Stderr, StringComparison.Ordinal);
        var result = ParseResultLine(run);
        Assert.Equal(tenantId, result.GetProperty("tenant_id").GetString());

        // Without a token, a call is refused as unauthenticated (grpc-status 16), not as anything else.
        Assert.Equal(16, result.GetProperty("unauthenticated_status").GetInt32());

        // The record calls carried the token of the client the operator registered for this tenant,
        // not the operator's: its claims name that client and tenant, with only what it was granted ...
        var tenantClientId = result.GetProperty("tenant_client_id").GetString() ?? string.Empty;
        Assert.True(tenantClientId.Length > 0, $"no tenant_client_id in the result.{run.Output}");
        Assert.NotEqual(GatewayFixture.OperatorClientId, tenantClientId);
        var token = result.GetProperty("record_calls_token");
        Assert.Equal(tenantClientId, token.GetProperty("client_id").GetString());
        Assert.Equal(tenantId, token.GetProperty("tenant_id").GetString());
        Assert.Equal(TenantClientScopes, token.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { Purpose }, token.GetProperty("purposes").EnumerateArray().Select(s => s.GetString()!));

        // ... and the gateway judged it so: an operator's call (ListClients needs tenants.admin) is
        // PERMISSION_DENIED (7) with it.
        Assert.Equal(7, result.GetProperty("tenant_client_list_clients_status").GetInt32());

        // The registry holds that client, bound to the tenant with what the operator granted.
        var registered = await gateway.MongoDatabase.GetCollection<BsonDocument>("oauth_clients")
            .Find(new BsonDocument("_id", tenantClientId)).SingleOrDefaultAsync();
        Assert.True(registered is not null, $"the gateway's client registry has no client '{tenantClientId}'");
        Assert.Equal(tenantId, registered["t"].AsString);
        Assert.Equal(TenantClientScopes, registered["scopes"].AsBsonArray.Select(s => s.AsString).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { Purpose }, registered["purposes"].AsBsonArray.Select(s => s.AsString));
        Assert.False(registered["revoked"].AsBoolean);

        Assert.Equal(RecordId, result.GetProperty("record_id").GetString());
        Assert.Equal("1", result.GetProperty("version").GetString());
        var fields = result.GetProperty("fields");
        Assert.Equal(FullName, fields.GetProperty("full_name").GetString());
        Assert.Equal(Email, fields.GetProperty("email").GetString());
        Assert.Equal(DateOfBirth, DateTimeOffset.Parse(fields.GetProperty("date_of_birth").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(GradeLevel, fields.GetProperty("grade_level").GetString());
        Assert.Equal(1, result.GetProperty("query_matches").GetInt32());

        var stored = await gateway.MongoDatabase.GetCollection<BsonDocument>("records")
            .Find(new BsonDocument("t", tenantId)).ToListAsync();
        var document = Assert.Single(stored);
        var bytes = document.ToBson();

        // Control: the search does find what is meant to be stored in plaintext.
        Assert.True(Contains(bytes, Encoding.UTF8.GetBytes(RecordId)), "the record id should be stored as is; the byte search is broken");

        foreach (var (what, needle) in Secrets())
        {
            Assert.False(Contains(bytes, needle), $"{what} is stored in plaintext in {document}");
        }

        var encrypted = document["e"].AsBsonDocument;
        foreach (var field in new[] { "full_name", "email", "date_of_birth" })
        {
            Assert.True(encrypted.Contains(field), $"'e' holds no ciphertext of {field}: {encrypted}");
            Assert.True(encrypted[field].IsBsonBinaryData, $"e.{field} is {encrypted[field].BsonType}, not binary");
            Assert.DoesNotContain(field, document["p"].AsBsonDocument.Names);
        }
        Assert.Equal(GradeLevel, document["p"]["grade_level"].AsString);
    }

    /// <summary>Every form of the student's personal data that must not appear in the stored bytes.</summary>
    private static IEnumerable<(string What, byte[] Needle)> Secrets()
    {
        foreach (var text in new[] { FullName, "Zofia", "Nakamura", "Okafor", Email, "zofia.nakamura", "interop.example" })
        {
            yield return ($"'{text}'", Encoding.UTF8.GetBytes(text));
        }

        // UTF-8 renderings of the date of birth.
        var seconds = DateOfBirth.ToUnixTimeSeconds();
        var milliseconds = DateOfBirth.ToUnixTimeMilliseconds();
        var renderings = new[] { "yyyy-MM-dd", "yyyyMMdd", "dd/MM/yyyy", "MM/dd/yyyy", "dd.MM.yyyy", "dd-MM-yyyy", "d MMM yyyy", "MMM d, yyyy" }
            .Select(format => DateOfBirth.ToString(format, CultureInfo.InvariantCulture))
            .Concat([seconds.ToString(CultureInfo.InvariantCulture), milliseconds.ToString(CultureInfo.InvariantCulture)]);
        foreach (var text in renderings)
        {
            yield return ($"the date of birth as '{text}'", Encoding.UTF8.GetBytes(text));
        }

        // Binary forms: a BSON date or int64 (little-endian), and the protobuf Timestamp the client sent.
        yield return ("the date of birth as a BSON date", LittleEndian(milliseconds));
        yield return ("the date of birth as an int64 of seconds", LittleEndian(seconds));
        yield return ("the date of birth as a protobuf Timestamp", Timestamp.FromDateTimeOffset(DateOfBirth).ToByteArray());
    }

    private static byte[] LittleEndian(long value)
    {
        var bytes = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static JsonElement ParseResultLine(ClientRun run)
    {
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"the Node.js client should print exactly one JSON line.{run.Output}");
        try
        {
            using var json = JsonDocument.Parse(lines[0]);
            return json.RootElement.Clone();
        }
        catch (JsonException e)
        {
            Assert.Fail($"the Node.js client printed something other than JSON ({e.Message}).{run.Output}");
            throw;
        }
    }

    private sealed record ClientRun(int ExitCode, string Stdout, string Stderr)
    {
        public string Output => $"{Environment.NewLine}--- stdout ---{Environment.NewLine}{Stdout}{Environment.NewLine}--- stderr ---{Environment.NewLine}{Stderr}";
    }

    private static async Task<ClientRun> RunNodeClientAsync(string address, string tokenEndpoint, string tenantId, string clientId, string clientSecret)
    {
        var clientDirectory = Path.Combine(RepositoryRoot.Path, "tests", "interop", "node-client");
        var script = Path.Combine(clientDirectory, "client.mjs");
        Assert.True(File.Exists(script), $"{script} is missing.");
        foreach (var package in new[] { "@grpc/grpc-js", "@grpc/proto-loader" })
        {
            var manifest = Path.Combine(clientDirectory, "node_modules", package, "package.json");
            Assert.True(File.Exists(manifest),
                $"{package} is not installed in {clientDirectory}/node_modules. Run the tests with scripts/test.sh, " +
                "which installs the interop client's dependencies (npm ci) before dotnet test.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = clientDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(address);
        start.ArgumentList.Add(tokenEndpoint);
        start.ArgumentList.Add(tenantId);

        // The operator's credentials through the environment, never on the command line.
        start.Environment["PG_CLIENT_ID"] = clientId;
        start.Environment["PG_CLIENT_SECRET"] = clientSecret;

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"could not start node ({e.Message}). This test needs Node.js 20 or later on PATH; " +
                "install it, then run the tests with scripts/test.sh.");
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ClientTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            var timedOut = new ClientRun(-1, await stdout, await stderr);
            Assert.Fail($"the Node.js client did not finish within {ClientTimeout.TotalSeconds:0} s and was killed.{timedOut.Output}");
        }

        return new ClientRun(process.ExitCode, await stdout, await stderr);
    }
}
