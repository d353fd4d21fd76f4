namespace ProcessorGateway.Testing;

/// <summary>
/// The MongoDB and Redis servers the test script started (<c>scripts/test.sh</c>). A test that needs
/// one fails loudly when it is missing: it never skips.
/// </summary>
public static class TestServers
{
    public const string MongoVariable = "PG_TEST_MONGO_URI";
    public const string RedisVariable = "PG_TEST_REDIS";

    public static string MongoConnectionString => Required(MongoVariable, "a MongoDB connection string");

    public static string Redis => Required(RedisVariable, "a Redis host:port");

    /// <summary>A database name of a test class's own, so no test sees another's data.</summary>
    public static string DatabaseFor(Type testClass, string? suffix = null)
    {
        ArgumentNullException.ThrowIfNull(testClass);
        var name = $"t_{testClass.Name}_{suffix ?? Guid.NewGuid().ToString("N")[..8]}";
        return name.Length <= 60 ? name : name[..60];
    }

    private static string Required(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set: this test needs {what}. Run the tests with scripts/test.sh, which starts the servers and sets it.");
}
