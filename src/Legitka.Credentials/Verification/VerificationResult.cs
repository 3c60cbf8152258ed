using System.Diagnostics.CodeAnalysis;

namespace Legitka.Credentials.Verification;

/// <summary>Either a verified value or the reason it was refused; refusals are results, not exceptions.</summary>
public sealed class VerificationResult<T>
    where T : class
{
    internal VerificationResult(T? value, VerificationError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public VerificationError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Error is null;
}

/// <summary>Factories for <see cref="VerificationResult{T}"/>.</summary>
public static class VerificationResult
{
    public static VerificationResult<T> Success<T>(T value)
        where T : class => new(value, null);

    public static VerificationResult<T> Failure<T>(VerificationError error)
        where T : class => new(null, error);

    public static VerificationResult<T> Failure<T>(string code, string message)
        where T : class => new(null, new VerificationError(code, message));
}
