namespace Legitka.Credentials.Jose;

/// <summary>
/// Signs JWS signing inputs without exposing the private key, so the host can keep issuer keys
/// encrypted at rest, or later in an HSM, behind this one method.
/// </summary>
public interface IJwsSigner
{
    /// <summary>The JWS <c>alg</c>; the engine only accepts <see cref="Es256.Algorithm"/>.</summary>
    string Algorithm { get; }

    /// <summary>The <c>kid</c> written into the JOSE header, or null to write none (holder keys).</summary>
    string? KeyId { get; }

    /// <summary>Signs <paramref name="signingInput"/> into <paramref name="signature"/> and returns the bytes written.</summary>
    int Sign(ReadOnlySpan<byte> signingInput, Span<byte> signature);
}
