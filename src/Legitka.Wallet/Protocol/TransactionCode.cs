namespace Legitka.Wallet.Protocol;

/// <summary>
/// The Transaction Code (<c>tx_code</c>) the pupil types from the paper slip. People copy <c>4821 0937</c> or
/// <c>4821-0937</c>; the server expects <c>48210937</c>.
/// </summary>
public static class TransactionCode
{
    /// <summary>For a numeric code: drops spaces, dashes and other separators people type. A text code is only trimmed.</summary>
    public static string Normalize(string code, string inputMode = TxCodeRequirement.Numeric)
    {
        if (inputMode != TxCodeRequirement.Numeric)
        {
            return code.Trim();
        }

        return string.Create(CountKept(code), code, static (destination, source) =>
        {
            int i = 0;
            foreach (char c in source)
            {
                if (!IsSeparator(c))
                {
                    destination[i++] = c;
                }
            }
        });
    }

    /// <summary>
    /// Checks a normalized code against the offer's description before it is sent: a mistyped code would
    /// count as a failed attempt at the server, and a few of those void the slip.
    /// </summary>
    /// <returns>null if it fits, otherwise why not (English).</returns>
    public static string? Check(string normalized, TxCodeRequirement requirement)
    {
        if (normalized.Length == 0)
        {
            return "the code from the slip is required";
        }

        if (requirement.InputMode == TxCodeRequirement.Numeric && !normalized.AsSpan().ContainsOnlyDigits())
        {
            return "the code must consist of digits only";
        }

        if (requirement.Length is int length && normalized.Length != length)
        {
            return $"the code must have {length} digits/characters, not {normalized.Length}";
        }

        return null;
    }

    private static int CountKept(string code)
    {
        int kept = 0;
        foreach (char c in code)
        {
            if (!IsSeparator(c))
            {
                kept++;
            }
        }

        return kept;
    }

    private static bool IsSeparator(char c) => char.IsWhiteSpace(c) || c is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' or '.' or '_';

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> value) => !value.ContainsAnyExceptInRange('0', '9');
}
