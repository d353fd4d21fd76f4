namespace ProcessorGateway.Server.Erasure;

/// <summary>Bound from <c>Gateway:Notifications:Smtp</c>. Without a host, e-mail messages wait in the outbox (and are retried).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>STARTTLS when the server offers it; required outside Development unless <see cref="RequireTls"/> is turned off.</summary>
    public bool RequireTls { get; set; } = true;

    public string From { get; set; } = "processorgateway@localhost";

    public string? UserName { get; set; }

    /// <summary>From a Secret; never logged.</summary>
    public string? Password { get; set; }
}
