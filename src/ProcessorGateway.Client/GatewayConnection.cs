using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Client;

/// <summary>
/// A channel to the gateway with the token provider attached, and a typed client for each of the seven services on
/// it: for tools and scripts without dependency injection. Dispose it to close the channel and the token endpoint's HTTP client.
/// </summary>
public sealed class GatewayConnection : IDisposable
{
    private readonly HttpClient _tokenHttpClient;
    private readonly ClientCredentialsTokenProvider _tokens;

    private GatewayConnection(GrpcChannel channel, HttpClient tokenHttpClient, ClientCredentialsTokenProvider tokens)
    {
        Channel = channel;
        _tokenHttpClient = tokenHttpClient;
        _tokens = tokens;
        Tenants = new TenantService.TenantServiceClient(channel);
        Schemas = new SchemaService.SchemaServiceClient(channel);
        Records = new RecordService.RecordServiceClient(channel);
        Keys = new KeyService.KeyServiceClient(channel);
        SubjectRights = new SubjectRightsService.SubjectRightsServiceClient(channel);
        Erasure = new ErasureService.ErasureServiceClient(channel);
        Audit = new AuditService.AuditServiceClient(channel);
    }

    public GrpcChannel Channel { get; }

    public IAccessTokenProvider Tokens => _tokens;

    public TenantService.TenantServiceClient Tenants { get; }

    public SchemaService.SchemaServiceClient Schemas { get; }

    public RecordService.RecordServiceClient Records { get; }

    public KeyService.KeyServiceClient Keys { get; }

    public SubjectRightsService.SubjectRightsServiceClient SubjectRights { get; }

    public ErasureService.ErasureServiceClient Erasure { get; }

    public AuditService.AuditServiceClient Audit { get; }

    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are incomplete or unsafe.</exception>
    public static GatewayConnection Create(GatewayClientOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        new GatewayClientOptionsValidator().ThrowIfInvalid(options);
        var address = options.Address!;

        var tokenHttpClient = new HttpClient { Timeout = TokenEndpointClient.Timeout };
        var tokens = new ClientCredentialsTokenProvider(tokenHttpClient, options, timeProvider, loggerFactory?.CreateLogger<ClientCredentialsTokenProvider>());
        try
        {
            // The validator allowed cleartext only for a loopback address the caller opted into; the flag is what makes
            // Grpc.Net.Client send call credentials over it at all (it silently drops them on an insecure channel otherwise).
            var cleartext = GatewayAddress.IsCleartext(address);
            var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
            {
                Credentials = ChannelCredentials.Create(cleartext ? ChannelCredentials.Insecure : ChannelCredentials.SecureSsl, BearerCredentials.Create(tokens)),
                UnsafeUseInsecureChannelCallCredentials = cleartext,
                LoggerFactory = loggerFactory,
            });
            return new GatewayConnection(channel, tokenHttpClient, tokens);
        }
        catch
        {
            tokens.Dispose();
            tokenHttpClient.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Channel.Dispose();
        _tokens.Dispose();
        _tokenHttpClient.Dispose();
    }
}
