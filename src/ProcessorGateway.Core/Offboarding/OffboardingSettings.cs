namespace ProcessorGateway.Core.Offboarding;

/// <summary>How long a second operator has to approve an offboarding request (<c>Gateway:Offboarding:ApprovalWindow</c>).</summary>
public sealed record OffboardingSettings(TimeSpan ApprovalWindow)
{
    /// <summary>Long enough to reach a second person; short enough that a forgotten request does not wait for a later accomplice.</summary>
    public static readonly TimeSpan MaxApprovalWindow = TimeSpan.FromDays(7);

    public static OffboardingSettings Default { get; } = new(TimeSpan.FromHours(24));
}
