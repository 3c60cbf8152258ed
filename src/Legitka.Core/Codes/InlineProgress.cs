namespace Legitka.Codes;

/// <summary>
/// Progress reported on the reporting thread, before the work goes on, and in order. <see cref="Progress{T}"/> posts
/// each report to the thread pool, where reports can overtake each other and arrive after the work has ended.
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
