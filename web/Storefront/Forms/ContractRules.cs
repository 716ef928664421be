using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Ecommerce.Storefront.Forms;

/// <summary>
/// Checks a contract record (<c>CheckoutInput</c>, <c>ProductInput</c>) against the validation attributes on its
/// constructor's parameters - the very rules the services apply - before it is sent. The answer has the shape of
/// a 400's <c>errors</c>: messages keyed by the field's JSON name, so one path shows both beside their fields.
/// </summary>
public static class ContractRules
{
    /// <param name="input">The contract record to check.</param>
    /// <param name="labels">What the form calls a member where its name would not read well ("CardInfo": "Card number").</param>
    public static IReadOnlyDictionary<string, string[]> Check<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties)] T>(
        T input, params (string Member, string Label)[] labels)
        where T : notnull
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var parameter in typeof(T).GetConstructors().Single().GetParameters())
        {
            var name = parameter.Name!;
            var label = labels.FirstOrDefault(l => l.Member == name).Label ?? Words(name);
            var value = typeof(T).GetProperty(name)!.GetValue(input);
            var context = new ValidationContext(input, label, serviceProvider: null, items: null) { MemberName = name };
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateValue(value, context, results, parameter.GetCustomAttributes<ValidationAttribute>()))
            {
                errors[JsonNamingPolicy.CamelCase.ConvertName(name)] = [.. results.Select(result => result.ErrorMessage ?? $"{label} is not valid.")];
            }
        }

        return errors;
    }

    /// <summary>"FirstName" as a person reads it: "First name".</summary>
    private static string Words(string name)
    {
        var words = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }

        return words.ToString();
    }
}
