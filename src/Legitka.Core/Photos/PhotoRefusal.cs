namespace Legitka.Photos;

/// <summary>Why a photo was refused: a stable code (API), English (logs, API) and Polish (portal, CLI for staff).</summary>
public sealed record PhotoRefusal(string Code, string Message, string MessagePl);

/// <summary>Something done to an accepted photo that the uploader should know about, in the same three forms.</summary>
public sealed record PhotoNotice(string Code, string Message, string MessagePl);
