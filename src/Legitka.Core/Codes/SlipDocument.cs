using Legitka.Codes.Slips;
using Legitka.Registry;

namespace Legitka.Codes;

/// <summary>The printable slips of some codes, in the order given (class by class, pupils alphabetically).</summary>
public static class SlipDocument
{
    public static byte[] Render(School school, IReadOnlyList<IssuedCode> codes) =>
        SlipPdf.Render(new SlipSheet(school.Name, school.Address,
            [.. codes.Select(c => new Slip(c.Name, c.ClassName, c.OfferUri, c.ActivationCode, c.ExpiresAt, c.CardNumber))], school.WalletApp));
}
