using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Cli;

internal static class ClientText
{
    public static void Write(TextWriter output, OAuthClient client) => TextBlock.Write(output,
    [
        ("client", client.ClientId),
        ("tenant", Tenant(client)),
        ("name", client.DisplayName),
        ("scopes", Join(client.Scopes)),
        ("purposes", Join(client.Purposes)),
        ("revoked", client.Revoked ? "yes" : "no"),
        ("created", ValueText.Instant(client.CreatedAt)),
        (client.PublicKeySha256.Length == 0 ? "secret rotated" : "key set", ValueText.Instant(client.SecretRotatedAt)),
        ("authenticates", client.PublicKeySha256.Length == 0 ? "with a secret" : $"with a key (private_key_jwt), sha256 {client.PublicKeySha256}"),
    ]);

    /// <summary>
    /// The secret follows the client, once; the warning goes to stderr so it never lands in a captured file. A client
    /// registered with a public key has no secret, and no line for one.
    /// </summary>
    public static void WriteCredentials(TextWriter output, ClientCredentials credentials)
    {
        Write(output, credentials.Client);
        if (credentials.ClientSecret.Length > 0)
        {
            output.WriteLine($"client secret   {credentials.ClientSecret}");
        }
    }

    public static void WriteList(TextWriter output, ListClientsResponse reply)
    {
        if (reply.Clients.Count == 0)
        {
            output.WriteLine("no clients");
            return;
        }

        var rows = reply.Clients.Select(c => (c.ClientId, Tenant(c), c.DisplayName, Join(c.Scopes), c.Revoked ? "revoked" : "active")).ToList();
        var idWidth = Math.Max("CLIENT".Length, rows.Max(r => r.ClientId.Length));
        var tenantWidth = Math.Max("TENANT".Length, rows.Max(r => r.Item2.Length));
        var nameWidth = Math.Max("NAME".Length, rows.Max(r => r.DisplayName.Length));
        output.WriteLine($"{"CLIENT".PadRight(idWidth)}  {"TENANT".PadRight(tenantWidth)}  {"NAME".PadRight(nameWidth)}  STATE    SCOPES");
        foreach (var (id, tenant, name, scopes, state) in rows)
        {
            output.WriteLine($"{id.PadRight(idWidth)}  {tenant.PadRight(tenantWidth)}  {name.PadRight(nameWidth)}  {state,-7}  {scopes}");
        }
    }

    private static string Tenant(OAuthClient client) => client.TenantId.Length == 0 ? "(operator)" : client.TenantId;

    private static string Join(IEnumerable<string> items) => string.Join(' ', items) is { Length: > 0 } joined ? joined : "-";
}
