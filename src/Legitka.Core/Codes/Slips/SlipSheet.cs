namespace Legitka.Codes.Slips;

/// <summary>One class's (or one school's) activation slips, printed on A4 by <see cref="SlipPdf"/>.</summary>
/// <param name="SchoolName">Printed at the top of every slip.</param>
/// <param name="SchoolAddress">Printed under the school name.</param>
/// <param name="Slips">In the order they are printed: left to right, then top to bottom, page after page.</param>
/// <param name="WalletApp">The wallet app the school names in the first step; null leaves it to the school to say.</param>
public sealed record SlipSheet(string SchoolName, string SchoolAddress, IReadOnlyList<Slip> Slips, string? WalletApp = null);

/// <summary>What one pupil gets: the offer to scan and the one-time code to type in.</summary>
/// <param name="PupilName">First name(s) and surname, as the pupil knows them.</param>
/// <param name="ClassName">"3b" prints as "Klasa 3b"; "Klasa 3b" is left as it is.</param>
/// <param name="OfferUri">The <c>openid-credential-offer://</c> URI, encoded in the QR code exactly as given.</param>
/// <param name="ActivationCode">Printed in groups of four characters ("48210937" as "4821 0937").</param>
/// <param name="ExpiresAt">The first instant the code no longer works; printed as the last valid day in Warsaw.</param>
/// <param name="CardNumber">Printed beside the class, so that two pupils of the same name get the right slips.</param>
public sealed record Slip(string PupilName, string ClassName, string OfferUri, string ActivationCode, DateTimeOffset ExpiresAt, string? CardNumber = null);
