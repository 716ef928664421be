namespace Ecommerce.Storefront.Forms;

/// <summary>
/// A form's messages, keyed by JSON name as a 400's <c>errors</c> are: the contract's rules fill it before a
/// request is sent, the server's answer after. A field's message goes when the shopper changes that field.
/// </summary>
public sealed class FormErrors
{
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    public IReadOnlyDictionary<string, string[]> All => _errors;

    public int Count => _errors.Count;

    /// <summary>For a field's <c>aria-invalid</c>: "true", or null to leave the attribute out.</summary>
    public string? Invalid(string field) => _errors.ContainsKey(field) ? "true" : null;

    public void Show(IReadOnlyDictionary<string, string[]> errors) => _errors = errors;

    public void Forget(string field) => _errors = _errors.Where(error => error.Key != field).ToDictionary();

    /// <summary>The messages for no field of the form (the form's fields are named by <paramref name="fields"/>).</summary>
    public IEnumerable<string> Elsewhere(params string[] fields) =>
        _errors.Where(error => !fields.Contains(error.Key)).SelectMany(error => error.Value);
}
