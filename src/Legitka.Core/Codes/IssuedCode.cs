namespace Legitka.Codes;

/// <summary>One pupil's slip as generated: the only place the plain offer URI and activation code exist.</summary>
/// <param name="CardNumber">The school ID card the mLegitymacja will show (null in slips sealed before it was printed).</param>
public sealed record IssuedCode(Guid OfferId, Guid PupilId, string Name, string ClassName, string OfferUri, string ActivationCode, DateTimeOffset ExpiresAt,
    string? CardNumber = null);
