using System.ComponentModel.DataAnnotations;

namespace Ecommerce.Contracts;

/// <summary>
/// Text a person can read back: no control characters (C0, DEL, C1) and no broken UTF-16. A NUL or
/// an escape sequence in a name would reach the catalogue, terminals and log viewers unseen.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class PlainTextAttribute() : ValidationAttribute("The {0} field must not contain control characters.")
{
    /// <summary>Lets tab, carriage return and line feed through, for text that may run over several lines.</summary>
    public bool AllowLineBreaks { get; set; }

    public override bool IsValid(object? value) => value is not string text || PlainText.IsPlain(text, AllowLineBreaks);
}

public static class PlainText
{
    /// <summary>What <c>[Required, StringLength(max, MinimumLength = 1), PlainText]</c> accepts: text that is not blank.</summary>
    public static bool IsRequiredText(string? value, int maxLength, bool allowLineBreaks = false) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= maxLength && IsPlain(value, allowLineBreaks);

    /// <summary>What <c>[StringLength(max), PlainText]</c> accepts: nothing, or text within the limit.</summary>
    public static bool IsOptionalText(string? value, int maxLength) =>
        value is null || (value.Length <= maxLength && IsPlain(value));

    /// <summary>True when <paramref name="text"/> has no control character and every surrogate is paired.</summary>
    public static bool IsPlain(string text, bool allowLineBreaks = false)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && !(allowLineBreaks && c is '\t' or '\r' or '\n'))
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
