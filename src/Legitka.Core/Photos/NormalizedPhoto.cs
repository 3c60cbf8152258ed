namespace Legitka.Photos;

/// <summary>A photo that passed: re-encoded without metadata, upright, and the small portrait the credential carries.</summary>
public sealed record NormalizedPhoto(byte[] Jpeg, byte[] PortraitJpeg, int Width, int Height, bool WasProgressive, bool WasRotated)
{
    public string ContentHash => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Jpeg));
}
