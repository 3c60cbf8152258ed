namespace Legitka.Notifications;

/// <summary>When a failed message is tried again: 30 s, 1 min, 2 min, … doubling up to an hour, and not after 20 tries.</summary>
public static class RetrySchedule
{
    public const int MaxAttempts = 20;

    private static readonly TimeSpan First = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    /// <summary>The wait after the given number of failed attempts (1 or more).</summary>
    public static TimeSpan DelayAfter(int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        // Past 2^7 the doubling is above the cap anyway; stopping there keeps the shift from overflowing.
        var factor = 1L << Math.Min(attempts - 1, 7);
        return TimeSpan.FromTicks(Math.Min(First.Ticks * factor, Longest.Ticks));
    }
}
