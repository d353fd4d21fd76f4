using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ProcessorGateway.Server.Development;

/// <summary>
/// One development deployment's own token keys and issuer, kept under its <c>.dev/</c> directory: never the user's
/// certificate store (which every development gateway of that user shared, so each accepted the others' tokens),
/// never a checked-in or shared file. Created once, then reused, so tokens survive a restart of the same deployment.
/// </summary>
internal sealed class DevelopmentIdentity
{
    /// <summary>The folder under the development directory; its name says what it is to someone looking in <c>.dev/</c>.</summary>
    public const string FolderName = "deployment";

    public const string IdFile = "id";

    public const string SigningFile = "token-signing.pfx";

    public const string EncryptionFile = "token-encryption.pfx";

    /// <summary>Long enough that no developer meets an expiry; the keys never leave the machine they were made on.</summary>
    private static readonly TimeSpan Validity = TimeSpan.FromDays(3650);

    private DevelopmentIdentity(string id, X509Certificate2 signing, X509Certificate2 encryption)
    {
        Id = id;
        SigningCertificate = signing;
        EncryptionCertificate = encryption;

        // No port: ports are chosen at start (0 in tests) and a restart must keep the issuer its tokens name.
        Issuer = new Uri($"https://localhost/processorgateway-dev/{id}/");
    }

    public string Id { get; }

    public Uri Issuer { get; }

    public X509Certificate2 SigningCertificate { get; }

    public X509Certificate2 EncryptionCertificate { get; }

    /// <summary>
    /// The identity kept in <paramref name="developmentDirectory"/>, made there first if there is none. A new identity is
    /// written whole in a private folder of its own and then renamed into place, so that two gateways starting together
    /// from one directory end up with the same identity (the second rename fails and that gateway reads the first's),
    /// and a gateway stopped half-way leaves no half identity behind.
    /// </summary>
    public static DevelopmentIdentity LoadOrCreate(string developmentDirectory)
    {
        var folder = Path.Combine(Path.GetFullPath(developmentDirectory), FolderName);
        if (!Directory.Exists(folder))
        {
            Create(folder);
        }

        return Load(folder);
    }

    public override string ToString() => $"development deployment {Id}";

    private static DevelopmentIdentity Load(string folder)
    {
        try
        {
            var id = File.ReadAllText(Path.Combine(folder, IdFile)).Trim();
            return new DevelopmentIdentity(id,
                X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(folder, SigningFile), password: null),
                X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(folder, EncryptionFile), password: null));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException(
                $"The development token keys in {folder} cannot be read ({e.GetType().Name}). Delete that folder to make new ones; tokens issued with the old keys stop working.", e);
        }
    }

    private static void Create(string folder)
    {
        var parent = Path.GetDirectoryName(folder)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{FolderName}.{Guid.NewGuid():N}.tmp");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(staging);
        }
        else
        {
            Directory.CreateDirectory(staging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        try
        {
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            PrivateFile.CreateNew(Path.Combine(staging, IdFile), System.Text.Encoding.ASCII.GetBytes(id + "\n"));
            WriteNewCertificate(Path.Combine(staging, SigningFile), id, "signing", X509KeyUsageFlags.DigitalSignature);
            WriteNewCertificate(Path.Combine(staging, EncryptionFile), id, "encryption", X509KeyUsageFlags.KeyEncipherment);
            try
            {
                Directory.Move(staging, folder);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
                // Another gateway starting from the same directory got there first: this deployment uses its identity.
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>A self-signed certificate as OpenIddict's own development certificates are made, written as PKCS#12 with its private key.</summary>
    private static void WriteNewCertificate(string path, string id, string use, X509KeyUsageFlags usage)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=ProcessorGateway development token {use} {id}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(Validity));
        var pkcs12 = certificate.Export(X509ContentType.Pkcs12);
        try
        {
            PrivateFile.CreateNew(path, pkcs12);
        }
        finally
        {
            // The private key in clear: not left for the garbage collector to keep around.
            CryptographicOperations.ZeroMemory(pkcs12);
        }
    }
}
