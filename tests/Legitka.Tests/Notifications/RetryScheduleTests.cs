using Legitka.Notifications;

namespace Legitka.Tests.Notifications;

public sealed class RetryScheduleTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)]
    [InlineData(RetrySchedule.MaxAttempts, 3600)]
    [InlineData(int.MaxValue, 3600)]
    public void The_delay_doubles_from_30_seconds_up_to_an_hour(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetrySchedule.DelayAfter(attempts));
}
