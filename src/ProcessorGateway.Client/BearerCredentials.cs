using Grpc.Core;

namespace ProcessorGateway.Client;

/// <summary>Puts <c>authorization: Bearer &lt;token&gt;</c> on each call, from the token provider.</summary>
internal static class BearerCredentials
{
    public const string MetadataKey = "authorization";

    public static async Task AddAsync(IAccessTokenProvider tokens, Metadata metadata, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        metadata.Add(MetadataKey, "Bearer " + token.Value);
    }

    public static CallCredentials Create(IAccessTokenProvider tokens) =>
        CallCredentials.FromInterceptor((context, metadata) => AddAsync(tokens, metadata, context.CancellationToken));
}
