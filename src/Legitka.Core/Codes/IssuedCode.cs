namespace Legitka.Codes;

/// <summary>One pupil's slip as generated: the only place the plain offer URI and activation code exist.</summary>
public sealed record IssuedCode(Guid OfferId, Guid PupilId, string Name, string ClassName, string OfferUri, string ActivationCode, DateTimeOffset ExpiresAt);
