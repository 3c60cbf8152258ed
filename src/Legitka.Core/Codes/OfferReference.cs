using System.Buffers.Text;
using System.Security.Cryptography;

namespace Legitka.Codes;

/// <summary>
/// The one-time reference behind a slip's QR code: the offer's id, which finds the row by its primary key, and 128
/// random bits, which prove the slip was printed by us. 32 bytes, 43 base64url characters.
/// </summary>
/// <remarks>
/// Only the keyed hash of the whole reference is stored. Finding the offer by its id rather than by that hash spares
/// the table a unique index of random keys (every code batch inserts into it, every replaced code again) and compares
/// the hash in constant time instead of through an index lookup. The id is a version 7 UUID, so whoever reads the QR
/// code can tell when the batch ran; the slip prints its dates anyway, and a time-ordered key keeps the inserts cheap.
/// </remarks>
public static class OfferReference
{
    public const int Length = 43;
    private const int IdBytes = 16;
    private const int SecretBytes = 16;

    /// <summary>A new reference for the offer, and the keyed hash to store.</summary>
    public static (string Reference, byte[] Hash) Make(Guid offerId, CodeHasher hasher)
    {
        Span<byte> bytes = stackalloc byte[IdBytes + SecretBytes];
        offerId.TryWriteBytes(bytes[..IdBytes], bigEndian: true, out _);
        RandomNumberGenerator.Fill(bytes[IdBytes..]);
        var reference = Base64Url.EncodeToString(bytes);
        return (reference, hasher.Hash(HashPurpose.OfferReference, reference));
    }

    /// <summary>The offer a presented reference names, if it has the shape of one; whether it is genuine is <see cref="Proves"/>.</summary>
    public static Guid? OfferId(string reference)
    {
        Span<byte> bytes = stackalloc byte[IdBytes + SecretBytes];
        return reference.Length == Length && Base64Url.TryDecodeFromChars(reference, bytes, out var written) && written == bytes.Length
            ? new Guid(bytes[..IdBytes], bigEndian: true)
            : null;
    }

    public static bool Proves(string reference, byte[] storedHash, CodeHasher hasher) =>
        hasher.Matches(HashPurpose.OfferReference, reference, storedHash);
}
