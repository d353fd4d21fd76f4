using System.Text.Json;

namespace ProcessorGateway.Core.Tests.Crypto.Wycheproof;

/// <summary>
/// The Wycheproof files under TestData/wycheproof (copied to the output folder), parsed once with
/// System.Text.Json. The shapes follow aead_test_schema_v1.json and mac_test_schema_v1.json; every
/// constructor parameter is required, so a missing field fails loudly instead of reading as null.
/// </summary>
internal static class WycheproofVectors
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private static readonly Lazy<WycheproofFile<AeadTestGroup>> LazyAesGcm = new(() => Load<AeadTestGroup>("aes_gcm_test.json"));
    private static readonly Lazy<WycheproofFile<MacTestGroup>> LazyHmacSha256 = new(() => Load<MacTestGroup>("hmac_sha256_test.json"));

    public static WycheproofFile<AeadTestGroup> AesGcm => LazyAesGcm.Value;

    public static WycheproofFile<MacTestGroup> HmacSha256 => LazyHmacSha256.Value;

    private static WycheproofFile<TGroup> Load<TGroup>(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "wycheproof", fileName);
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<WycheproofFile<TGroup>>(stream, Options)
            ?? throw new InvalidDataException($"{path} holds no test file");
    }
}

public sealed record WycheproofFile<TGroup>(string Algorithm, string Schema, int NumberOfTests, IReadOnlyList<TGroup> TestGroups);

public sealed record AeadTestGroup(string Type, int IvSize, int KeySize, int TagSize, IReadOnlyList<AeadTestVector> Tests);

public sealed record AeadTestVector(
    int TcId, string Comment, IReadOnlyList<string> Flags, string Key, string Iv, string Aad, string Msg, string Ct, string Tag, string Result);

public sealed record MacTestGroup(string Type, int KeySize, int TagSize, IReadOnlyList<MacTestVector> Tests);

public sealed record MacTestVector(int TcId, string Comment, IReadOnlyList<string> Flags, string Key, string Msg, string Tag, string Result);
