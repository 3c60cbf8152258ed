namespace Legitka.Credentials.StatusList;

/// <summary>A verified Status List Token (<c>statuslist+jwt</c>, draft §5.1).</summary>
public sealed record StatusListToken(string Subject, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt, TimeSpan? TimeToLive, TokenStatusList List);
