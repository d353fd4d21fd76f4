using System.Text.Json;
using ProcessorGateway.Server.Hosting;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Http;

/// <summary>
/// docs/openapi.json is the OpenAPI document a Development gateway serves at /openapi/v1.json, generated from the
/// protos' HTTP rules and comments. When a proto changes, regenerate it: <c>scripts/update-openapi.sh</c>
/// (this test with <c>PG_UPDATE_OPENAPI=1</c>, which writes the file instead of failing).
/// </summary>
public sealed class OpenApiDocumentTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    public const string UpdateVariable = "PG_UPDATE_OPENAPI";

    [Fact]
    public async Task Docs_openapi_json_is_the_document_the_gateway_serves()
    {
        using var http = new HttpClient { BaseAddress = gateway.HttpAddress };
        var served = await http.GetStringAsync(GatewayHttpApiExtensions.OpenApiPath);
        var file = Path.Combine(RepositoryRoot.Path, "docs", "openapi.json");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(file, served.ReplaceLineEndings("\n").TrimEnd() + "\n");
        }

        Assert.True(File.Exists(file), $"docs/openapi.json is missing: run scripts/update-openapi.sh");
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        using var actual = JsonDocument.Parse(served);
        Assert.True(JsonElement.DeepEquals(expected.RootElement, actual.RootElement),
            "docs/openapi.json differs from the document the gateway serves (a proto or its HTTP rules changed): run scripts/update-openapi.sh and commit the result");
        Assert.True(actual.RootElement.GetProperty("paths").EnumerateObject().Any(), "the served document describes no paths");
    }
}
