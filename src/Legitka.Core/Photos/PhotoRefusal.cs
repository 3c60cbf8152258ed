namespace Legitka.Photos;

/// <summary>Why a photo was refused: a stable code (API), English (logs, API) and Polish (portal, CLI for staff).</summary>
public sealed record PhotoRefusal(string Code, string Message, string MessagePl);
