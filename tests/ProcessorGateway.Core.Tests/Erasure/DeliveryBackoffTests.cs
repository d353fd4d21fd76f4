using ProcessorGateway.Core.Notifications;

namespace ProcessorGateway.Core.Tests.Erasure;

public sealed class DeliveryBackoffTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(4, 80)]
    public void Next_DoublesTheDelayAfterEachFailure(int attempts, int seconds) =>
        Assert.Equal(Now.AddSeconds(seconds), new DeliveryBackoff(TimeSpan.FromSeconds(10), TimeSpan.FromHours(1), 12).Next(attempts, Now));

    [Fact]
    public void Next_IsCapped() =>
        Assert.Equal(Now.AddMinutes(5), new DeliveryBackoff(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), 50).Next(30, Now));

    [Fact]
    public void Next_AfterTheLastAttempt_GivesUp() =>
        Assert.Null(new DeliveryBackoff(TimeSpan.FromSeconds(10), TimeSpan.FromHours(1), 3).Next(3, Now));
}
