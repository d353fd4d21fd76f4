using ProcessorGateway.Server.Development;

namespace ProcessorGateway.Server.Tests.Development;

public sealed class DevelopmentBannerTests
{
    private static readonly DevelopmentCredentials Credentials = new(
        "http://127.0.0.1:5080", "http://127.0.0.1:5081/connect/token", "http://127.0.0.1:5081", "mongodb://user:mongo-password@127.0.0.1:27017/", "dev-school",
        "dev-school_app", "tenant-secret-0123456789", "dev-operator", "operator-secret-0123456789");

    [Fact]
    public void Banner_tells_how_to_use_the_credentials_file_with_pgctl_and_curl_without_a_secret()
    {
        var banner = DevelopmentBanner.Format(Credentials, "/repo/.dev/dev-credentials.json");

        Assert.Contains("pgctl schema list --tenant dev-school", banner, StringComparison.Ordinal);
        Assert.Contains("JSON and gRPC-Web (HTTP/1.1, docs/http-api.md): http://127.0.0.1:5081", banner, StringComparison.Ordinal);
        Assert.Contains("""curl -s -u "$(jq -r '.client_id + ":" + .client_secret' "/repo/.dev/dev-credentials.json")" -d grant_type=client_credentials http://127.0.0.1:5081/connect/token""",
            banner, StringComparison.Ordinal);
        Assert.DoesNotContain("tenant-secret-0123456789", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("operator-secret-0123456789", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("mongo-password", banner, StringComparison.Ordinal);
    }

    [Fact]
    public void Banner_without_a_credentials_path_says_the_secrets_of_this_run_cannot_be_used()
    {
        var banner = DevelopmentBanner.Format(Credentials, credentialsPath: null);

        Assert.Contains("not written (set Gateway__Dev__CredentialsPath)", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("tenant-secret-0123456789", banner, StringComparison.Ordinal);
    }
}
